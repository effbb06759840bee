import { parseConfig } from "../../config/load";
import type { PlatformConfig, PlatformConfigInput } from "../../config/schema";
import { planClusterCacheRules } from "../../core/registry/cache-rule-plan";
import { locationContext, planEnvironmentStack } from "../../core/environment/stack-plan";
import type { ReplicationNeeds } from "../../core/model/plan-types";
import { FindingLog } from "../../core/model/findings";
import { locateEnvironments, planAccounts } from "../../core/locations/plan";
import type { LocationContext } from "../../core/model/location-context";
import type { EnvironmentDraft, RegistryDraft, ServicePlan } from "../../core/model/plan-types";
import { quotasPerRegion } from "../../core/plan/support";
import { registryKey } from "../../core/registry/key";
import { planRegistryDrafts, planReplication } from "../../core/registry/singletons";

/** A small VPC for configs that do not care about theirs. */
export const TEST_VPC = { id: "vpc-0a1b2c3d", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0a1b2c3d"], privateRouteTableIds: ["rtb-0a1b2c3d"] };

/** Parses a config that must be valid. */
export function parsedConfig(input: PlatformConfigInput): PlatformConfig {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`config should be valid:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return result.config;
}

/** A finding as one line: level, [stack], path and message. */
export function findingLines(log: FindingLog): string[] {
  return log.list().map((f) => `${f.level} [${f.stack ?? "-"}] ${f.path}: ${f.message}`);
}

/** The planner's steps up to the environment stack drafts, as planPlatform runs them, with the log they wrote. */
export function environmentDrafts(input: PlatformConfigInput) {
  const config = parsedConfig(input);
  const log = new FindingLog();
  const accounts = planAccounts(config.accounts);
  const locations = locateEnvironments(config.environments, accounts, log);
  const cache = planClusterCacheRules(config, locations, accounts.declaredIds);
  const replicationNeeds: ReplicationNeeds = new Map();
  const drafts: EnvironmentDraft[] = locations.map((location) =>
    planEnvironmentStack(location, { config, cacheRules: cache.rulesByRegistry.get(registryKey(location)) ?? [], declaredAccounts: accounts.declaredIds, replicationNeeds, quotasIn: quotasPerRegion(config), log }),
  );
  return { config, accounts, cache, locations, drafts, replicationNeeds, log };
}

/**
 * The first location's context, with a log of its own, and its services as the planner planned
 * them: for calling one planner of an environment stack (endpoints, execution roles) directly.
 */
export function firstLocation(input: PlatformConfigInput): { ctx: LocationContext; services: readonly ServicePlan[]; log: FindingLog } {
  const { config, accounts, cache, locations, drafts, replicationNeeds } = environmentDrafts(input);
  const location = locations[0]!;
  const log = new FindingLog();
  const ctx = locationContext(location, { config, cacheRules: cache.rulesByRegistry.get(registryKey(location)) ?? [], declaredAccounts: accounts.declaredIds, replicationNeeds, quotasIn: quotasPerRegion(config), log });
  return { ctx, services: drafts[0]!.services, log };
}

/** One step further: the registry stack drafts too, everything finishEstate takes. */
export function stackDrafts(input: PlatformConfigInput) {
  const { config, accounts, cache, drafts, replicationNeeds, log } = environmentDrafts(input);
  const registries: RegistryDraft[] = planRegistryDrafts(config, cache, planReplication(config.accounts, replicationNeeds, accounts, log), accounts, quotasPerRegion(config), log);
  return { config, drafts, registries, upstreamRoles: cache.upstreamRoles, log };
}
