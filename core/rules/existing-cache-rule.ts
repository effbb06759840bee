import { quoted } from "../../config/problems";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perExisting } from "./support/existing-singletons";

/**
 * The registry singletons the config says already exist (accounts.<a>.registry.existing.<region>),
 * judged against what each registry plans: what pullguard cannot import, and what a first apply
 * replaces. Every finding is at that Region's `existing` path, on the registry stack.
 */

/** A cache rule can be imported only where the registry plans one with that prefix. */
export const existingCacheRule: Rule = {
  definition: catalogue.existingCacheRule,
  check: ({ plan }) =>
    perExisting(plan.registries, (existing, r, path) =>
      existing.pullThroughCacheRules
        .filter((prefix) => !r.cacheRules.some((rule) => rule.prefix === prefix))
        .map((prefix) => ({ path: `${path}.pullThroughCacheRules`, message: `lists ${quoted(prefix)}, but this registry plans no cache rule with that prefix` })),
    ),
};
