import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/** Replication copies only later pushes: images already in the source are missing at the destination until re-pushed. */
export const replicationBackfill: Rule = {
  definition: catalogue.replicationBackfill,
  check: ({ plan }) =>
    plan.registries.flatMap((registry) =>
      registry.replicationRules
        .filter((rule) => rule.origin === "derived")
        .map((rule) => ({
          stack: registry.stackName,
          path: `accounts.${registry.accountAlias}.registry`,
          message: `replicates ${rule.repositoryPrefixes.join(", ")} to ${rule.destinations.map((d) => `${d.account}/${d.region}`).join(", ")} (ownImages: replication): only images pushed after the first apply are copied; re-push the tags the services run before their first deploy (docs/own-images.md)`,
        })),
    ),
};
