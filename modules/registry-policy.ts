import { Construct } from "constructs";
import { EcrRegistryPolicy } from "@cdktf/provider-aws/lib/ecr-registry-policy";
import { policyDocument, type PolicyStatement } from "../core/iam";
import { jsonDocument } from "./json-document";

export interface RegistryPolicyProps {
  readonly account: string;
  readonly region: string;
  /** Accounts whose registries replicate into this one. */
  readonly replicationSourceAccounts: readonly string[];
  /** Further statements: other accounts' cache roles reading this registry, then the config's registryPolicyStatements. */
  readonly statements: readonly PolicyStatement[];
}

/**
 * The registry's one policy (aws-facts.md: one per registry), so pullguard's statements and the
 * user's are merged into it rather than one overwriting the other. Cross-account replication needs
 * the destination to allow the source account ecr:ReplicateImage and ecr:CreateRepository.
 */
export class RegistryPolicy extends Construct {
  readonly policy: EcrRegistryPolicy;
  constructor(scope: Construct, id: string, props: RegistryPolicyProps) {
    super(scope, id);
    const replication: PolicyStatement[] =
      props.replicationSourceAccounts.length === 0
        ? []
        : [
            {
              Sid: "AcceptReplication",
              Effect: "Allow",
              Principal: { AWS: props.replicationSourceAccounts.map((a) => `arn:aws:iam::${a}:root`) },
              Action: ["ecr:CreateRepository", "ecr:ReplicateImage"],
              Resource: `arn:aws:ecr:${props.region}:${props.account}:repository/*`,
            },
          ];
    this.policy = new EcrRegistryPolicy(this, "policy", { policy: jsonDocument(policyDocument([...replication, ...props.statements])) });
  }
}
