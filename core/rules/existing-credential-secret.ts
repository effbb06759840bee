import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perExisting } from "./support/existing-singletons";

/**
 * The registry singletons the config says already exist (accounts.<a>.registry.existing.<region>),
 * judged against what each registry plans: what pullguard cannot import, and what a first apply
 * replaces. Every finding is at that Region's `existing` path, on the registry stack.
 */

/** An existing credential secret is imported for a rule whose credential pullguard creates, from the registry's own account and Region. */
export const existingCredentialSecret: Rule = {
  definition: catalogue.existingCredentialSecret,
  check: ({ plan }) =>
    perExisting(plan.registries, (existing, r, path) =>
      Object.entries(existing.credentialSecrets).flatMap(([prefix, arn]) => {
        const at = `${path}.credentialSecrets.${prefix}`;
        if (r.cacheRules.find((rule) => rule.prefix === prefix)?.credential?.source !== "create") {
          return [{ path: at, message: "names no cache rule of this registry whose credential pullguard creates (source: create)" }];
        }
        const where = arn.split(":");
        return where[3] !== r.region || where[4] !== r.account ? [{ path: at, message: `is in ${where[4]}/${where[3]}, not this registry's ${r.account}/${r.region}` }] : [];
      }),
    ),
};
