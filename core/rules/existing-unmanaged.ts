import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perExisting } from "./support/existing-singletons";

/**
 * The registry singletons the config says already exist (accounts.<a>.registry.existing.<region>),
 * judged against what each registry plans: what pullguard cannot import, and what a first apply
 * replaces. Every finding is at that Region's `existing` path, on the registry stack.
 */

/** An existing singleton pullguard plans nothing for is left alone: no import, no change. */
export const existingUnmanaged: Rule = {
  definition: catalogue.existingUnmanaged,
  check: ({ plan }) =>
    perExisting(plan.registries, (existing, r, path) => [
      ...(existing.replicationConfiguration && r.replicationRules.length === 0
        ? [{ path: `${path}.replicationConfiguration`, message: "exists, but pullguard plans no replication here, so it stays unmanaged (and unchanged)" }]
        : []),
      ...(existing.registryPolicy && r.registryPolicy === undefined ? [{ path: `${path}.registryPolicy`, message: "exists, but pullguard needs no registry policy here, so it stays unmanaged (and unchanged)" }] : []),
    ]),
};
