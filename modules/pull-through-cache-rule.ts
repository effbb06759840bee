import { TerraformOutput, TerraformVariable, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { EcrPullThroughCacheRule } from "@cdktf/provider-aws/lib/ecr-pull-through-cache-rule";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import type { CacheRulePlan } from "../core/model";
import { credentialOutputName } from "../core/locations";

export interface PullThroughCacheRuleProps {
  readonly rule: CacheRulePlan;
  readonly region: string;
  /** Resources the rule needs first (the ECR-to-ECR cache role of this stack). */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * One pull-through cache rule and, for upstreams that need one, its credential secret. The secret
 * is created empty and set out of band (README), or, with `value: apply-time`, written at apply
 * time from an ephemeral variable through the write-only `secret_string_wo` (Terraform >= 1.11):
 * either way the value never enters config, JSON, plan or state.
 */
export class PullThroughCacheRule extends Construct {
  readonly rule: EcrPullThroughCacheRule;
  readonly secret?: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: PullThroughCacheRuleProps) {
    super(scope, id);
    const { rule } = props;
    let credentialArn: string | undefined;
    let secretVersion: SecretsmanagerSecretVersion | undefined;
    if (rule.credential?.source === "create") {
      const applyTime = rule.credential.applyTime;
      const secret = new SecretsmanagerSecret(this, "credential", {
        name: rule.credential.secretName,
        description: `Credential ECR uses to pull from ${rule.upstreamRegistryUrl}: JSON {"username","accessToken"}, set ${applyTime ? `at apply time from TF_VAR_${applyTime.variableName}` : "out of band"}`,
        recoveryWindowInDays: rule.credential.recoveryWindowDays,
        ...(rule.credential.kmsKeyArn ? { kmsKeyId: rule.credential.kmsKeyArn } : {}),
      });
      this.secret = secret;
      credentialArn = secret.arn;
      if (applyTime) {
        const variable = new TerraformVariable(this, "credential-value", {
          type: "string",
          sensitive: true,
          nullable: false,
          description: `JSON {"username","accessToken"} for ${rule.upstreamRegistryUrl}; set TF_VAR_${applyTime.variableName}. Ephemeral: never stored in plan or state`,
        });
        variable.overrideLogicalId(applyTime.variableName);
        // cdktf 0.21's TerraformVariable predates ephemeral variables (Terraform >= 1.10).
        variable.addOverride("ephemeral", true);
        secretVersion = new SecretsmanagerSecretVersion(this, "credential-version", {
          secretId: secret.id,
          secretStringWo: variable.stringValue,
          secretStringWoVersion: applyTime.version,
        });
      } else {
        new TerraformOutput(this, "credential-secret-arn", {
          value: secret.arn,
          description: `Set its value: aws secretsmanager put-secret-value --region ${props.region} --secret-id ${rule.credential.secretName} --secret-string '{"username":"...","accessToken":"..."}'`,
        }).overrideLogicalId(credentialOutputName(rule.prefix));
      }
    } else if (rule.credential?.source === "existing") {
      credentialArn = rule.credential.secretArn;
    }
    // The rule reads its credential when it is created (aws-facts.md): the value must be there first.
    this.rule = new EcrPullThroughCacheRule(this, "rule", {
      ecrRepositoryPrefix: rule.prefix,
      upstreamRegistryUrl: rule.upstreamRegistryUrl,
      ...(credentialArn ? { credentialArn } : {}),
      ...(rule.customRoleArn ? { customRoleArn: rule.customRoleArn } : {}),
      ...(rule.upstreamRepositoryPrefix ? { upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix } : {}),
      ...(secretVersion || props.dependsOn ? { dependsOn: [...(secretVersion ? [secretVersion] : []), ...(props.dependsOn ?? [])] } : {}),
    });
  }
}
