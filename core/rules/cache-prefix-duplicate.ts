import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { prefixPairs } from "./support/cache-rules";

/**
 * What ECR refuses in a registry's pull-through cache rules (docs/aws-facts.md, "ECR pull-through
 * cache"), judged on each registry plan's rules: the config path is the rule's own, the stack the
 * registry stack.
 */

/** ECR keys a registry's cache rules by prefix. */
export const cachePrefixDuplicate: Rule = {
  definition: catalogue.cachePrefixDuplicate,
  check: ({ plan }) => prefixPairs(plan.registries, (a, b) => (a.prefix === b.prefix ? `uses prefix "${b.prefix}", already used by ${a.configPath}; prefixes must be unique per registry` : undefined)),
};
