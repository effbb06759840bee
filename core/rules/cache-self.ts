import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perCacheRule } from "./support/cache-rules";

/**
 * What ECR refuses in a registry's pull-through cache rules (docs/aws-facts.md, "ECR pull-through
 * cache"), judged on each registry plan's rules: the config path is the rule's own, the stack the
 * registry stack.
 */

export const cacheSelf: Rule = {
  definition: catalogue.cacheSelf,
  check: ({ plan }) =>
    perCacheRule(plan.registries, (rule, r) =>
      rule.kind === "ecr" && rule.upstreamAccount === r.account && rule.upstreamRegion === r.region
        ? { path: rule.configPath, message: `points at its own registry (${r.account}/${r.region}); an ECR-to-ECR rule needs another account or Region` }
        : undefined,
    ),
};
