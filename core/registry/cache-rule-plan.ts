import type { PlatformConfig } from "../../config/schema";
import type { EnvironmentLocation } from "../locations/plan";
import { registryStackName } from "../locations/naming";
import { derivedOwnImageRules, ownImageUpstreams, type UpstreamRolePlan } from "../images/own-images";
import type { CachePrefixDeclaration, CacheRulePlan, RegistryRef } from "../model/plan-types";
import { declareCacheRules } from "./plan";
import { byCodePoint } from "../sort";
import { pullThroughCacheInRegion } from "./region-settings";
import { registryKey } from "./key";

/**
 * The pull-through cache rules of every registry that runs clusters, planned once before any image
 * is resolved: image resolution rewrites images through them, and the registry stack creates them.
 * Besides the configured rules, a registry gets ECR-to-ECR rules for the team's own images pushed
 * to another registry of ours (and, across accounts, the role ECR assumes for them).
 */

/** A registry some environment runs in, with the alias its account is declared under. */
export interface ClusterRegistry extends RegistryRef {
  readonly alias: string;
}

export interface ClusterCacheRules {
  /** By registry key (account/region), in the order of the first location that runs there. */
  readonly clusterRegistries: ReadonlyMap<string, ClusterRegistry>;
  /** The cache rules of each cluster registry, by registry key, sorted by prefix. */
  readonly rulesByRegistry: ReadonlyMap<string, readonly CacheRulePlan[]>;
  /** The same rules' prefixes in the order the config declares them, by registry key (RegistryPlan.declaredCachePrefixes). */
  readonly declaredPrefixesByRegistry: ReadonlyMap<string, readonly CachePrefixDeclaration[]>;
  /** The role ECR assumes for cross-account ECR-to-ECR rules, by cluster registry key. */
  readonly upstreamRoles: ReadonlyMap<string, UpstreamRolePlan>;
}

export function planClusterCacheRules(config: PlatformConfig, locations: readonly EnvironmentLocation[], declaredAccounts: ReadonlySet<string>): ClusterCacheRules {
  const clusterRegistries = new Map<string, ClusterRegistry>();
  for (const location of locations) clusterRegistries.set(registryKey(location), { account: location.account, region: location.region, alias: location.accountAlias });
  const ownUpstreams = ownImageUpstreams(config, locations, declaredAccounts);
  const rulesByRegistry = new Map<string, CacheRulePlan[]>();
  const declaredPrefixesByRegistry = new Map<string, CachePrefixDeclaration[]>();
  const upstreamRoles = new Map<string, UpstreamRolePlan>();
  for (const [key, ref] of clusterRegistries) {
    const registry = config.accounts[ref.alias]?.registry;
    const stack = registryStackName(ref.account, ref.region);
    const derived = (explicit: readonly CacheRulePlan[]) => {
      const own = derivedOwnImageRules(ref, ownUpstreams.get(key) ?? [], explicit, config.project);
      if (own.role) upstreamRoles.set(key, own.role);
      return own.rules;
    };
    const { cache, credentialKeysFromRegion } = pullThroughCacheInRegion(registry, ref.region);
    const ctx = { accountAlias: ref.alias, account: ref.account, region: ref.region, basePath: `accounts.${ref.alias}.registry`, stack, credentialKeysFromRegion };
    const declared = declareCacheRules(cache, ctx, derived);
    const unmanaged = (rule: CacheRulePlan) => rule.kind === "ecr" && rule.upstreamAccount !== undefined && rule.upstreamAccount !== ref.account && !declaredAccounts.has(rule.upstreamAccount);
    const rules = [...declared].map((rule) => (unmanaged(rule) ? { ...rule, upstreamUnmanaged: true as const } : rule)).sort((a, b) => byCodePoint(a.prefix, b.prefix));
    rulesByRegistry.set(key, rules);
    declaredPrefixesByRegistry.set(key, declared.map((r) => ({ prefix: r.prefix, configPath: r.configPath })));
  }
  return { clusterRegistries, rulesByRegistry, declaredPrefixesByRegistry, upstreamRoles };
}
