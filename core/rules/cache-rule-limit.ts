import { MAX_CACHE_RULES_PER_REGISTRY } from "../registry/plan";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * What ECR refuses in a registry's pull-through cache rules (docs/aws-facts.md, "ECR pull-through
 * cache"), judged on each registry plan's rules: the config path is the rule's own, the stack the
 * registry stack.
 */

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
