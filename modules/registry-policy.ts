import { Construct } from "constructs";
import { EcrRegistryPolicy } from "@cdktf/provider-aws/lib/ecr-registry-policy";
import { policyDocument } from "../core/iam";
import { jsonDocument } from "./json-document";

export interface RegistryPolicyProps {
  readonly account: string;
  readonly region: string;
  /** Accounts whose registries replicate into this one. */
  readonly replicationSourceAccounts: readonly string[];
}

/**
 * The registry's one policy (aws-facts.md: one per registry). Cross-account replication needs the
 * destination to allow the source account ecr:ReplicateImage and ecr:CreateRepository.
 */
export class RegistryPolicy extends Construct {
  constructor(scope: Construct, id: string, props: RegistryPolicyProps) {
    super(scope, id);
    new EcrRegistryPolicy(this, "policy", {
      policy: jsonDocument(
        policyDocument([
          {
            Sid: "AcceptReplication",
            Effect: "Allow",
            Principal: { AWS: props.replicationSourceAccounts.map((a) => `arn:aws:iam::${a}:root`) },
            Action: ["ecr:CreateRepository", "ecr:ReplicateImage"],
            Resource: `arn:aws:ecr:${props.region}:${props.account}:repository/*`,
          },
        ]),
      ),
    });
  }
}
