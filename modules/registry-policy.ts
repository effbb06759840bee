import { Construct } from "constructs";
import { EcrRegistryPolicy } from "@cdktf/provider-aws/lib/ecr-registry-policy";
import type { PolicyDocument } from "../core/iam";
import { jsonDocument } from "./json-document";

export interface RegistryPolicyProps {
  /** Built in core/registry/policies.ts: replication grants, cross-account cache reads, the user's statements. */
  readonly document: PolicyDocument;
}

/** The registry's one policy (one per registry: aws-facts.md). */
export class RegistryPolicy extends Construct {
  readonly policy: EcrRegistryPolicy;
  constructor(scope: Construct, id: string, props: RegistryPolicyProps) {
    super(scope, id);
    this.policy = new EcrRegistryPolicy(this, "policy", { policy: jsonDocument(props.document) });
  }
}
