/** Walks over each registry plan's pull-through cache rules and declared prefixes, for the rules that judge them. */
import type { CachePrefixDeclaration, CacheRulePlan, RegistryPlan } from "../../model/plan-types";
import type { RuleViolation } from "../rule";

export function perCacheRule(registries: readonly RegistryPlan[], judge: (rule: CacheRulePlan, registry: RegistryPlan) => { path: string; message: string } | undefined): RuleViolation[] {
  return registries.flatMap((registry) =>
    registry.cacheRules.flatMap((rule) => {
      const hit = judge(rule, registry);
      return hit ? [{ ...hit, stack: registry.stackName }] : [];
    }),
  );
}

/** Each pair of declared prefixes, the later one second (the one a clash is reported at). */
export function prefixPairs(registries: readonly RegistryPlan[], judge: (a: CachePrefixDeclaration, b: CachePrefixDeclaration) => string | undefined): RuleViolation[] {
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
