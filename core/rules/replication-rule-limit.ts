import { MAX_REPLICATION_RULES } from "../registry/replication-plan";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perReplicatingRegistry } from "./support/replicating-registries";

export const replicationRuleLimit: Rule = {
  definition: catalogue.replicationRuleLimit,
  check: ({ plan }) =>
    perReplicatingRegistry(plan.registries, (r, where) =>
      r.replicationRules.length > MAX_REPLICATION_RULES ? [`needs ${r.replicationRules.length} replication rules in ${where}; ECR allows ${MAX_REPLICATION_RULES} per registry (group repositories under shared prefixes)`] : [],
    ),
};
