import { quoted } from "../../config/problems";
import type { PlatformConfig } from "../../config/schema";
import type { ClusterCacheRules } from "./cache-rule-plan";
import type { FindingLog } from "../model/findings";
import type { AccountDirectory } from "../locations/plan";
import type { RegistryDraft, RegistryRef, ReplicationNeeds, ReplicationRulePlan } from "../model/plan-types";
import type { QuotasIn } from "../plan/support";
import { parseRegistryKey, registryKey } from "./key";
import { planRegistry } from "./plan";
import { mergeReplicationRules } from "./replication-merge";
import { deriveReplicationRules } from "./replication-plan";
import * as catalogue from "../rules/catalogue";

/**
 * The registry stacks and their singletons (ECR has one replication configuration and one registry
 * policy per registry), planned once every environment has said which images it needs where.
 */

export interface ReplicationPlan {
  /** Merged replication rules by source registry key. */
  readonly rulesBySource: ReadonlyMap<string, readonly ReplicationRulePlan[]>;
  /** Source account ids replicating into each destination registry key. */
  readonly sourcesByDestination: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Derived rules (images pushed in one registry and run in another) plus the config's explicit rules, merged per source. */
export function planReplication(accounts: PlatformConfig["accounts"], needs: ReplicationNeeds, directory: AccountDirectory, log: FindingLog): ReplicationPlan {
  const bySource = new Map<string, ReplicationRulePlan[]>();
  for (const [source, repositories] of needs) {
    bySource.set(source, deriveReplicationRules(repositories, parseRegistryKey));
  }
  for (const [alias, account] of Object.entries(accounts)) {
    (account.registry?.replicationRules ?? []).forEach((rule, index) => {
      const path = `accounts.${alias}.registry.replicationRules[${index}]`;
      const destinations: RegistryRef[] = [];
      rule.destinations.forEach((d, di) => {
        const id = directory.idByAlias.get(d.account);
        if (id === undefined) log.report(catalogue.unknownAccount, `${path}.destinations[${di}].account`, `names account ${quoted(d.account)}, which is not declared under accounts`);
        else if (id === account.id && d.region === rule.sourceRegion) log.report(catalogue.replicationSelf, `${path}.destinations[${di}]`, "equals the rule's source registry; a destination must differ from its source");
        else destinations.push({ account: id, region: d.region });
      });
      const source = registryKey({ account: account.id, region: rule.sourceRegion });
      bySource.set(source, [...(bySource.get(source) ?? []), { destinations, repositoryPrefixes: rule.repositoryPrefixes, origin: "explicit" }]);
    });
  }
  const sourcesByDestination = new Map<string, Set<string>>();
  for (const [source, unmerged] of bySource) {
    const rules = mergeReplicationRules(unmerged);
    bySource.set(source, rules);
    const sourceRef = parseRegistryKey(source);
    for (const destination of rules.flatMap((r) => r.destinations)) {
      const sources = sourcesByDestination.get(registryKey(destination)) ?? new Set<string>();
      sources.add(sourceRef.account);
      sourcesByDestination.set(registryKey(destination), sources);
    }
  }
  return { rulesBySource: bySource, sourcesByDestination };
}

/**
 * One registry stack for every registry that runs clusters, pushes replicated images or receives
 * them, and every registry of ours that an ECR-to-ECR cache rule reads (its policy grants the
 * readers); in registry-key order.
 */
export function planRegistryDrafts(config: PlatformConfig, cache: ClusterCacheRules, replication: ReplicationPlan, directory: AccountDirectory, quotasIn: QuotasIn, log: FindingLog): RegistryDraft[] {
  const upstreamKeys = [...cache.rulesByRegistry.values()].flat().filter((r) => r.kind === "ecr" && directory.aliasById.has(r.upstreamAccount!)).map((r) => registryKey({ account: r.upstreamAccount!, region: r.upstreamRegion! }));
  const keys = new Set<string>([...cache.clusterRegistries.keys(), ...replication.rulesBySource.keys(), ...replication.sourcesByDestination.keys(), ...upstreamKeys]);
  checkRegistryRegions(config.accounts, keys, log);
  return [...keys].sort().map((key) => {
    const ref = parseRegistryKey(key);
    const alias = directory.aliasById.get(ref.account)!;
    const { quotas, overridden } = quotasIn(ref.region);
    const sourceAccounts = [...(replication.sourcesByDestination.get(key) ?? [])].filter((a) => a !== ref.account).sort();
    return planRegistry({
      project: config.project,
      accountAlias: alias,
      account: ref.account,
      region: ref.region,
      registry: config.accounts[alias]!.registry,
      cacheRules: cache.rulesByRegistry.get(key) ?? [],
      declaredCachePrefixes: cache.declaredPrefixesByRegistry.get(key) ?? [],
      replicationRules: replication.rulesBySource.get(key) ?? [],
      replicationSourceAccounts: sourceAccounts,
      receivesReplication: replication.sourcesByDestination.has(key),
      quotas,
      quotasOverridden: overridden,
      detection: config.detection,
      tags: config.tags,
    });
  });
}

/** A registry Region override for a Region where the account has no registry stack applies to nothing: a typo, or a Region no longer used. */
function checkRegistryRegions(accounts: PlatformConfig["accounts"], keys: ReadonlySet<string>, log: FindingLog): void {
  for (const [alias, account] of Object.entries(accounts)) {
    const regions = [...keys].map(parseRegistryKey).filter((k) => k.account === account.id).map((k) => k.region).sort();
    for (const region of Object.keys(account.registry?.regions ?? {})) {
      if (!regions.includes(region)) {
        log.report(catalogue.regionOverrideUnknown, `accounts.${alias}.registry.regions.${region}`, `names a Region where account ${alias} has no registry stack (its registries: ${regions.join(", ") || "none"})`);
      }
    }
  }
}
