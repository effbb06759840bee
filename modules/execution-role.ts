import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { jsonDocument } from "./json-document";
import type { ExecutionRolePlan } from "../core/model";

/**
 * A task execution role with exactly the pulls, secrets and log streams its services use, as an
 * inline aws_iam_role_policy (not the deprecated inline_policy block, not the AWS managed
 * AmazonECSTaskExecutionRolePolicy, which grants ECR on "*" and no pull-through-cache actions).
 */
export class ExecutionRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: { readonly role: ExecutionRolePlan }) {
    super(scope, id);
    const role = new IamRole(this, "role", {
      name: props.role.name,
      description: `ECS task execution role for ${props.role.services.join(", ")}`,
      assumeRolePolicy: jsonDocument(props.role.trustPolicy),
    });
    new IamRolePolicy(this, "policy", { name: "pull-images-read-secrets-write-logs", role: role.name, policy: jsonDocument(props.role.policy) });
    this.arn = role.arn;
  }
}
