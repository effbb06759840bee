import { parseArn } from "../../facts/arn";
import { upstreamRegistry } from "../../facts/upstream-registries";
import type { CacheRulePlan, RegistryPlan } from "../model/plan-types";
import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";

/**
 * An existing credential secret, a credential's KMS key and the repository templates' KMS key must
 * be in the registry's own account and Region (docs/aws-facts.md). A key is refused at the path it
 * came from: the per-Region one (registry.regions.<region>), or the account-level default, with the
 * per-Region path to set when the default is another Region's.
 */

/** `<account>/<region>` of an ARN that is not in the registry's own account and Region; undefined when it is, or does not parse. */
function elsewhere(arn: string, r: RegistryPlan): string | undefined {
  const at = parseArn(arn);
  return at && (at.region !== r.region || at.account !== r.account) ? `${at.account}/${at.region}` : undefined;
}

/** A KMS key judged at the path it came from; `relative` is its path under the registry block. */
function keyViolation(arn: string, fromRegion: boolean, basePath: string, relative: string, r: RegistryPlan): RuleViolation[] {
  const where = elsewhere(arn, r);
  if (where === undefined) return [];
  const regionPath = `${basePath}.regions.${r.region}.${relative}`;
  const hint = !fromRegion && parseArn(arn)!.region !== r.region ? `; set this Region's key under ${regionPath}` : "";
  return [{ path: fromRegion ? regionPath : `${basePath}.${relative}`, message: `KMS key is in ${where} but must be in the registry's account and Region, ${r.account}/${r.region}${hint}`, stack: r.stackName }];
}

/** The config key of a rule's upstream under pullThroughCache (`dockerHub`, `azure.<prefix>`). */
function upstreamConfigKey(rule: CacheRulePlan): string {
  return rule.kind === "azure" ? `azure.${rule.prefix}` : upstreamRegistry(rule.kind).configKey;
}

function credentialViolations(rule: CacheRulePlan, r: RegistryPlan): RuleViolation[] {
  const credential = rule.credential;
  if (credential?.source === "existing") {
    const where = elsewhere(credential.secretArn, r);
    return where === undefined
      ? []
      : [{ path: `${rule.configPath}.credential.secretArns.${r.region}`, message: `secret is in ${where} but must be in the registry's account and Region, ${r.account}/${r.region}`, stack: r.stackName }];
  }
  if (credential?.kmsKeyArn === undefined) return [];
  const relative = `pullThroughCache.${upstreamConfigKey(rule)}`;
  // The rule's own registry block: its config path is <basePath>.<relative>.
  const basePath = rule.configPath.slice(0, rule.configPath.length - relative.length - 1);
  return keyViolation(credential.kmsKeyArn, credential.kmsKeyFromRegion === true, basePath, `${relative}.credential.kmsKeyArn`, r);
}

export const registryArnLocation: Rule = {
  definition: catalogue.registryArnLocation,
  check: ({ plan }) =>
    plan.registries.flatMap((r) => {
      const encryption = r.templateSettings.encryption;
      const templateKey =
        encryption.type === "KMS" ? keyViolation(encryption.kmsKeyArn, r.templateSettings.kmsKeyFromRegion === true, `accounts.${r.accountAlias}.registry`, "repositoryTemplates.encryption.kmsKeyArn", r) : [];
      return [...r.cacheRules.flatMap((rule) => credentialViolations(rule, r)), ...templateKey];
    }),
};
