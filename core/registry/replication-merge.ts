import type { RegistryRef, ReplicationRulePlan } from "../model/plan-types";
import { registryKey } from "./key";
import { MAX_REPLICATION_FILTERS_PER_RULE } from "./replication-plan";
import { byCodePoint } from "../sort";

const destinationsKey = (rule: ReplicationRulePlan) => [...new Set(rule.destinations.map(registryKey))].sort().join(",");

/**
 * One registry's derived and explicit replication rules as few rules as ECR needs (the limit is 10
 * per registry): a derived repository that an explicit prefix already sends to the same or more
 * destinations is dropped, and rules with the same destinations share one rule (100 filters each),
 * with filters nested in a shorter prefix of the same rule removed.
 */
export function mergeReplicationRules(rules: readonly ReplicationRulePlan[]): ReplicationRulePlan[] {
  const explicit = rules.filter((r) => r.origin === "explicit");
  const covered = (repository: string, destinations: readonly RegistryRef[]) =>
    explicit.some((e) => e.repositoryPrefixes.some((p) => repository.startsWith(p)) && destinations.every((d) => e.destinations.some((x) => registryKey(x) === registryKey(d))));
  const groups = new Map<string, { destinations: RegistryRef[]; filters: Set<string>; explicit: boolean }>();
  for (const rule of rules) {
    const filters = rule.origin === "derived" ? rule.repositoryPrefixes.filter((r) => !covered(r, rule.destinations)) : rule.repositoryPrefixes;
    if (filters.length === 0) continue;
    const key = destinationsKey(rule);
    const group = groups.get(key) ?? { destinations: dedupe(rule.destinations), filters: new Set<string>(), explicit: false };
    for (const f of filters) group.filters.add(f);
    group.explicit ||= rule.origin === "explicit";
    groups.set(key, group);
  }
  const merged: ReplicationRulePlan[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    const all = [...group.filters].sort();
    const filters = all.filter((f) => !all.some((other) => other !== f && f.startsWith(other)));
    for (let i = 0; i < filters.length; i += MAX_REPLICATION_FILTERS_PER_RULE) {
      merged.push({ destinations: group.destinations, repositoryPrefixes: filters.slice(i, i + MAX_REPLICATION_FILTERS_PER_RULE), origin: group.explicit ? "explicit" : "derived" });
    }
  }
  return merged;
}

function dedupe(destinations: readonly RegistryRef[]): RegistryRef[] {
  const seen = new Map<string, RegistryRef>();
  for (const d of destinations) seen.set(registryKey(d), d);
  return [...seen.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([, d]) => d);
}
