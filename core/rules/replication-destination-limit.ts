import type { RegistryPlan } from "../model/plan-types";
import { registryKey } from "../registry/key";
import { MAX_REPLICATION_DESTINATIONS } from "../registry/replication-plan";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perReplicatingRegistry } from "./support/replicating-registries";

function destinationsOf(registry: RegistryPlan): Set<string> {
  return new Set(registry.replicationRules.flatMap((r) => r.destinations.map(registryKey)));
}

export const replicationDestinationLimit: Rule = {
  definition: catalogue.replicationDestinationLimit,
  check: ({ plan }) =>
    perReplicatingRegistry(plan.registries, (r, where) => {
      const count = destinationsOf(r).size;
      return count > MAX_REPLICATION_DESTINATIONS ? [`replicates ${where} to ${count} destinations; ECR allows ${MAX_REPLICATION_DESTINATIONS}`] : [];
    }),
};
