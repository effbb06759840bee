import { MAX_REPLICATION_FILTERS_PER_RULE } from "../registry/replication-plan";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perReplicatingRegistry } from "./support/replicating-registries";

export const replicationFilterLimit: Rule = {
  definition: catalogue.replicationFilterLimit,
  check: ({ plan }) =>
    perReplicatingRegistry(plan.registries, (r) =>
      r.replicationRules.filter((rule) => rule.repositoryPrefixes.length > MAX_REPLICATION_FILTERS_PER_RULE).map((rule) => `has a rule with ${rule.repositoryPrefixes.length} filters; ECR allows ${MAX_REPLICATION_FILTERS_PER_RULE} per rule`),
    ),
};
