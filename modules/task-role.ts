import { Construct } from "constructs";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { jsonDocument } from "./json-document";
import type { TaskRolePlan } from "../core/model";

/** The task's own role: the planned inline policy (given statements, ECS Exec) and managed policies. */
export class TaskRole extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: { readonly role: Extract<TaskRolePlan, { mode: "create" }>; readonly service: string }) {
    super(scope, id);
    const { role: plan } = props;
    const role = new IamRole(this, "role", {
      name: plan.name,
      description: `ECS task role of ${props.service}`,
      assumeRolePolicy: jsonDocument(plan.trustPolicy),
    });
    if (plan.policy) new IamRolePolicy(this, "policy", { name: "task", role: role.name, policy: jsonDocument(plan.policy) });
    plan.managedPolicyArns.forEach((arn, i) => new IamRolePolicyAttachment(this, `managed-${i}`, { role: role.name, policyArn: arn }));
    this.arn = role.arn;
  }
}
