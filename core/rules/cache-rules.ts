import { upstreamRegistry } from "../../facts/upstream-registries";
import type { CachePrefixDeclaration, CacheRulePlan, RegistryPlan } from "../model/plan-types";
import { MAX_CACHE_RULES_PER_REGISTRY } from "../registry/plan";
import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";

/**
 * What ECR refuses in a registry's pull-through cache rules (docs/aws-facts.md, "ECR pull-through
 * cache"), judged on each registry plan's rules: the config path is the rule's own, the stack the
 * registry stack.
 */

function perCacheRule(registries: readonly RegistryPlan[], judge: (rule: CacheRulePlan, registry: RegistryPlan) => { path: string; message: string } | undefined): RuleViolation[] {
  return registries.flatMap((registry) =>
    registry.cacheRules.flatMap((rule) => {
      const hit = judge(rule, registry);
      return hit ? [{ ...hit, stack: registry.stackName }] : [];
    }),
  );
}

/** Each pair of declared prefixes, the later one second (the one a clash is reported at). */
function prefixPairs(registries: readonly RegistryPlan[], judge: (a: CachePrefixDeclaration, b: CachePrefixDeclaration) => string | undefined): RuleViolation[] {
  const hits: RuleViolation[] = [];
  for (const registry of registries) {
    const declared = registry.declaredCachePrefixes;
    for (let i = 0; i < declared.length; i++) {
      for (let j = i + 1; j < declared.length; j++) {
        const message = judge(declared[i]!, declared[j]!);
        if (message !== undefined) hits.push({ path: declared[j]!.configPath, message, stack: registry.stackName });
      }
    }
  }
  return hits;
}

export const cacheRuleLimit: Rule = {
  definition: catalogue.cacheRuleLimit,
  check: ({ plan }) =>
    plan.registries
      .filter((r) => r.cacheRules.length > MAX_CACHE_RULES_PER_REGISTRY)
      .map((r) => ({
        path: `accounts.${r.accountAlias}.registry.pullThroughCache`,
        message: `declares ${r.cacheRules.length} pull-through cache rules; ECR allows at most ${MAX_CACHE_RULES_PER_REGISTRY} per registry`,
        stack: r.stackName,
      })),
};

/** ECR keys a registry's cache rules by prefix. */
export const cachePrefixDuplicate: Rule = {
  definition: catalogue.cachePrefixDuplicate,
  check: ({ plan }) => prefixPairs(plan.registries, (a, b) => (a.prefix === b.prefix ? `uses prefix "${b.prefix}", already used by ${a.configPath}; prefixes must be unique per registry` : undefined)),
};

/** One prefix a path under another makes the repository a pull lands in ambiguous. */
export const cachePrefixNested: Rule = {
  definition: catalogue.cachePrefixNested,
  check: ({ plan }) =>
    prefixPairs(plan.registries, (a, b) =>
      a.prefix !== b.prefix && (b.prefix.startsWith(`${a.prefix}/`) || a.prefix.startsWith(`${b.prefix}/`)) ? `prefix "${b.prefix}" nests with "${a.prefix}" (${a.configPath}); cached repositories would be ambiguous` : undefined,
    ),
};

export const cacheSelf: Rule = {
  definition: catalogue.cacheSelf,
  check: ({ plan }) =>
    perCacheRule(plan.registries, (rule, r) =>
      rule.kind === "ecr" && rule.upstreamAccount === r.account && rule.upstreamRegion === r.region
        ? { path: rule.configPath, message: `points at its own registry (${r.account}/${r.region}); an ECR-to-ECR rule needs another account or Region` }
        : undefined,
    ),
};

/** ECR assumes an ECR-to-ECR rule's role for this registry: it must live in the registry's account. */
export const cacheRoleAccount: Rule = {
  definition: catalogue.cacheRoleAccount,
  check: ({ plan }) =>
    perCacheRule(plan.registries, (rule, r) => {
      const roleAccount = rule.customRoleArn?.split(":")[4];
      return rule.kind === "ecr" && rule.customRoleArn !== undefined && roleAccount !== r.account
        ? { path: `${rule.configPath}.roleArn`, message: `is in account ${roleAccount}, but ECR assumes it for registry ${r.account}; the role must be in the registry's own account` }
        : undefined;
    }),
};

/** Across accounts ECR needs a role to read the upstream; a same-account (cross-Region) rule works with its service-linked role. */
export const cacheRoleMissing: Rule = {
  definition: catalogue.cacheRoleMissing,
  check: ({ plan }) =>
    perCacheRule(plan.registries, (rule, r) =>
      rule.kind === "ecr" && rule.customRoleArn === undefined && rule.upstreamAccount !== r.account
        ? { path: `${rule.configPath}.roleArn`, message: `is required: a cross-account ECR-to-ECR rule needs a role in account ${r.account} that may pull from ${rule.upstreamAccount}` }
        : undefined,
    ),
};

/**
 * An upstream that needs a credential is planned without one when its existing secrets name none
 * for this Region (a secret is used in its own Region only).
 */
export const cacheSecretRegion: Rule = {
  definition: catalogue.cacheSecretRegion,
  check: ({ plan }) =>
    perCacheRule(plan.registries, (rule, r) =>
      upstreamRegistry(rule.kind).needsCredential && rule.credential === undefined
        ? { path: `${rule.configPath}.credential.secretArns`, message: `has no secret for ${r.region}, where account ${r.accountAlias} runs clusters (the secret must be in the rule's Region)` }
        : undefined,
    ),
};
