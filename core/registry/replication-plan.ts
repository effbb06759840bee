import type { RegistryRef, ReplicationRulePlan } from "../model/plan-types";

/** Cross-Region and cross-account replication: rules derived from where images are needed, and ECR's limits on them (judged by core/rules/replication-*-limit.ts). */

/** aws-facts.md, "Replication": 10 rules, 25 unique destinations, 100 filters per rule. */
export const MAX_REPLICATION_RULES = 10;
export const MAX_REPLICATION_DESTINATIONS = 25;
export const MAX_REPLICATION_FILTERS_PER_RULE = 100;

/**
 * Turns "repository R, pushed to S, is needed in D1..Dn" into replication rules: repositories
 * that go to the same destinations share a rule, so the 10-rule limit lasts; a rule holds at most
 * 100 filters and spills into the next one.
 */
export function deriveReplicationRules(needs: ReadonlyMap<string, ReadonlySet<string>>, refOf: (key: string) => RegistryRef): ReplicationRulePlan[] {
  const byDestinations = new Map<string, string[]>();
  for (const [repository, destinations] of needs) {
    const key = [...destinations].sort().join(",");
    const list = byDestinations.get(key) ?? [];
    list.push(repository);
    byDestinations.set(key, list);
  }
  const rules: ReplicationRulePlan[] = [];
  for (const key of [...byDestinations.keys()].sort()) {
    const repositories = byDestinations.get(key)!.sort();
    const destinations = key.split(",").map(refOf);
    for (let i = 0; i < repositories.length; i += MAX_REPLICATION_FILTERS_PER_RULE) {
      rules.push({ destinations, repositoryPrefixes: repositories.slice(i, i + MAX_REPLICATION_FILTERS_PER_RULE), origin: "derived" });
    }
  }
  return rules;
}
