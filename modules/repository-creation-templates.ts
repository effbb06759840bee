import { Construct } from "constructs";
import { EcrRepositoryCreationTemplate } from "@cdktf/provider-aws/lib/ecr-repository-creation-template";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { jsonDocument } from "./json-document";
import type { RepositoryTemplatePlan, TemplateSettingsPlan } from "../core/model";
import { prefixConstructId } from "../core/locations";

export interface RepositoryCreationTemplatesProps {
  readonly templates: readonly RepositoryTemplatePlan[];
  readonly settings: TemplateSettingsPlan;
}

/**
 * Settings for repositories ECR creates on a first pull through the cache or by replication:
 * without a template they get mutable tags and no lifecycle policy (aws-facts.md).
 */
export class RepositoryCreationTemplates extends Construct {
  constructor(scope: Construct, id: string, props: RepositoryCreationTemplatesProps) {
    super(scope, id);
    const { settings } = props;
    let customRoleArn: string | undefined;
    if (settings.customRoleName && settings.customRolePolicies) {
      // aws-facts.md: KMS keys or resource tags in a template need a role ECR can assume.
      const role = new IamRole(this, "template-role", {
        name: settings.customRoleName,
        description: "Lets ECR apply repository creation templates (tags, KMS encryption)",
        assumeRolePolicy: jsonDocument(settings.customRolePolicies.trustPolicy),
      });
      new IamRolePolicy(this, "template-role-policy", { name: "repository-creation", role: role.name, policy: jsonDocument(settings.customRolePolicies.policy) });
      customRoleArn = role.arn;
    }
    for (const template of props.templates) {
      new EcrRepositoryCreationTemplate(this, `template-${prefixConstructId(template.prefix)}`, {
        prefix: template.prefix,
        description: template.description,
        appliedFor: [...template.appliedFor],
        imageTagMutability: settings.tagMutability,
        encryptionConfiguration: [
          settings.encryption.type === "KMS" ? { encryptionType: "KMS", kmsKey: settings.encryption.kmsKeyArn } : { encryptionType: "AES256" },
        ],
        lifecyclePolicy: jsonDocument(settings.lifecyclePolicy),
        ...(Object.keys(settings.resourceTags).length > 0 ? { resourceTags: { ...settings.resourceTags } } : {}),
        ...(customRoleArn ? { customRoleArn } : {}),
      });
    }
  }
}
