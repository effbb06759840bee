import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { EcrPullThroughCacheRule } from "@cdktf/provider-aws/lib/ecr-pull-through-cache-rule";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import type { CacheRulePlan } from "../core/plan-types";
import { credentialOutputName } from "../core/naming";

export interface PullThroughCacheRuleProps {
  readonly rule: CacheRulePlan;
  readonly region: string;
}

/**
 * One pull-through cache rule and, for upstreams that need one, its credential secret. The secret
 * is created empty: its value is set out of band (README), so it never enters config, JSON or state.
 */
export class PullThroughCacheRule extends Construct {
  constructor(scope: Construct, id: string, props: PullThroughCacheRuleProps) {
    super(scope, id);
    const { rule } = props;
    let credentialArn: string | undefined;
    if (rule.credential?.source === "create") {
      const secret = new SecretsmanagerSecret(this, "credential", {
        name: rule.credential.secretName,
        description: `Credential ECR uses to pull from ${rule.upstreamRegistryUrl}: JSON {"username","accessToken"}, set out of band`,
        recoveryWindowInDays: rule.credential.recoveryWindowDays,
        ...(rule.credential.kmsKeyArn ? { kmsKeyId: rule.credential.kmsKeyArn } : {}),
      });
      credentialArn = secret.arn;
      new TerraformOutput(this, "credential-secret-arn", {
        value: secret.arn,
        description: `Set its value: aws secretsmanager put-secret-value --region ${props.region} --secret-id ${rule.credential.secretName} --secret-string '{"username":"...","accessToken":"..."}'`,
      }).overrideLogicalId(credentialOutputName(rule.prefix));
    } else if (rule.credential?.source === "existing") {
      credentialArn = rule.credential.secretArn;
    }
    new EcrPullThroughCacheRule(this, "rule", {
      ecrRepositoryPrefix: rule.prefix,
      upstreamRegistryUrl: rule.upstreamRegistryUrl,
      ...(credentialArn ? { credentialArn } : {}),
      ...(rule.customRoleArn ? { customRoleArn: rule.customRoleArn } : {}),
      ...(rule.upstreamRepositoryPrefix ? { upstreamRepositoryPrefix: rule.upstreamRepositoryPrefix } : {}),
    });
  }
}
