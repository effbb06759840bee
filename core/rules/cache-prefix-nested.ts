import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { prefixPairs } from "./support/cache-rules";

/**
 * What ECR refuses in a registry's pull-through cache rules (docs/aws-facts.md, "ECR pull-through
 * cache"), judged on each registry plan's rules: the config path is the rule's own, the stack the
 * registry stack.
 */

/** One prefix a path under another makes the repository a pull lands in ambiguous. */
export const cachePrefixNested: Rule = {
  definition: catalogue.cachePrefixNested,
  check: ({ plan }) =>
    prefixPairs(plan.registries, (a, b) =>
      a.prefix !== b.prefix && (b.prefix.startsWith(`${a.prefix}/`) || a.prefix.startsWith(`${b.prefix}/`)) ? `prefix "${b.prefix}" nests with "${a.prefix}" (${a.configPath}); cached repositories would be ambiguous` : undefined,
    ),
};
