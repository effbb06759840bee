import type { PlatformConfig } from "../../config/schema";
import { planClusterCacheRules } from "../registry/cache-rule-plan";
import { assessAccountRegions, planEnvironmentStack } from "../environment/stack-plan";
import { finishEstate } from "../estate/plan";
import { FindingLog } from "../model/findings";
import { accountAliases, locateEnvironments, planAccounts } from "../locations/plan";
import { checkPlatform } from "./checks";
import type { PlatformPlan, RegistryPlan, ReplicationNeeds } from "../model/plan-types";
import { quotasPerRegion, type QuotasIn } from "./support";
import type { EcrQuotas } from "../budget";
import { planRegistryDrafts, planReplication } from "../registry/singletons";
import { registryKey } from "../registry/key";
import { runRules } from "../rules";
import { applySuppressions } from "./suppressions";
import { planFargateBudget } from "./fargate";

/**
 * Resolves a validated config into everything the stacks render, and every finding about it.
 * Errors here mean "do not synthesize"; warnings become annotations and report lines.
 */
export function planPlatform(config: PlatformConfig): PlatformPlan {
  const log = new FindingLog();

  const accounts = planAccounts(config.accounts);
  const locations = locateEnvironments(config.environments, accounts, log);

  // Cache rules come first: image resolution rewrites images through them.
  const cache = planClusterCacheRules(config, locations, accounts.declaredIds);
  const replicationNeeds: ReplicationNeeds = new Map();
  const quotasIn = quotasPerRegion(config);
  const environmentDrafts = locations.map((location) =>
    planEnvironmentStack(location, { config, cacheRules: cache.rulesByRegistry.get(registryKey(location)) ?? [], declaredAccounts: accounts.declaredIds, replicationNeeds, quotasIn, log }),
  );

  const replication = planReplication(config.accounts, replicationNeeds, accounts, log);
  const registryDrafts = planRegistryDrafts(config, cache, replication, accounts, quotasIn, log);
  const accountRegionAssessments = assessAccountRegions(quotasIn, environmentDrafts);

  const { environments, registries, deployOrder, adoption } = finishEstate({ config, environments: environmentDrafts, registries: registryDrafts, upstreamRoles: cache.upstreamRoles, log });
  const { backends, ownBackendStacks } = checkPlatform(config, environments, registries, log);

  const partial = {
    project: config.project,
    accounts: accountAliases(accounts),
    registries,
    environments,
    backends,
    ownBackendStacks,
    quotas: quotasByRegion(quotasIn, registries),
    maxQuotaShare: config.pullBudget.maxQuotaShare,
    allowDockerHubDirect: config.pullBudget.allowDockerHubDirect,
    accountRegionAssessments,
    fargate: planFargateBudget(config, environments),
    deployOrder,
    adoption,
  };
  runRules(partial, log);
  return { ...partial, ...applySuppressions(log.list(), config.suppressions) };
}

/** The ECR quotas of every Region with a registry stack, as the report and the rules quote them. */
function quotasByRegion(quotasIn: QuotasIn, registries: readonly RegistryPlan[]): Record<string, EcrQuotas> {
  const quotas: Record<string, EcrQuotas> = {};
  for (const region of [...new Set(registries.map((r) => r.region))].sort()) quotas[region] = quotasIn(region).quotas;
  return quotas;
}
