import type { RegistryPlan } from "../model/plan-types";
import { registryKey } from "../registry/key";
import { MAX_REPLICATION_DESTINATIONS, MAX_REPLICATION_FILTERS_PER_RULE, MAX_REPLICATION_RULES } from "../registry/replication-plan";
import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";

/**
 * ECR's replication limits (docs/aws-facts.md, "Repository creation templates and replication"),
 * judged on each registry's merged rules, explicit and derived: the config path is the registry's
 * replicationRules, the stack its registry stack.
 */
function perReplicatingRegistry(registries: readonly RegistryPlan[], judge: (registry: RegistryPlan, where: string) => string[]): RuleViolation[] {
  return registries
    .filter((r) => r.replicationRules.length > 0)
    .flatMap((r) => judge(r, `${r.account}/${r.region}`).map((message) => ({ stack: r.stackName, path: `accounts.${r.accountAlias}.registry.replicationRules`, message })));
}

function destinationsOf(registry: RegistryPlan): Set<string> {
  return new Set(registry.replicationRules.flatMap((r) => r.destinations.map(registryKey)));
}

export const replicationRuleLimit: Rule = {
  definition: catalogue.replicationRuleLimit,
  check: ({ plan }) =>
    perReplicatingRegistry(plan.registries, (r, where) =>
      r.replicationRules.length > MAX_REPLICATION_RULES ? [`needs ${r.replicationRules.length} replication rules in ${where}; ECR allows ${MAX_REPLICATION_RULES} per registry (group repositories under shared prefixes)`] : [],
    ),
};

export const replicationDestinationLimit: Rule = {
  definition: catalogue.replicationDestinationLimit,
  check: ({ plan }) =>
    perReplicatingRegistry(plan.registries, (r, where) => {
      const count = destinationsOf(r).size;
      return count > MAX_REPLICATION_DESTINATIONS ? [`replicates ${where} to ${count} destinations; ECR allows ${MAX_REPLICATION_DESTINATIONS}`] : [];
    }),
};

export const replicationFilterLimit: Rule = {
  definition: catalogue.replicationFilterLimit,
  check: ({ plan }) =>
    perReplicatingRegistry(plan.registries, (r) =>
      r.replicationRules.filter((rule) => rule.repositoryPrefixes.length > MAX_REPLICATION_FILTERS_PER_RULE).map((rule) => `has a rule with ${rule.repositoryPrefixes.length} filters; ECR allows ${MAX_REPLICATION_FILTERS_PER_RULE} per rule`),
    ),
};
