import type { PlatformConfig } from "../config/schema";
import { planEc2Capacity } from "./ec2-capacity-plan";
import { planEndpoints } from "./endpoint-plan";
import { planExecutionRoles, roleNameFor } from "./execution-role-plan";
import type { LocationContext } from "./location-context";
import { planService } from "./service-plan";
import { FindingLog } from "./findings";
import { ecrRegistryHost } from "./image-reference";
import { ecsClusterArn } from "./aws/ecs";
import { clusterName as clusterNameFor, endpointSecurityGroupName, environmentStackName, pullFailureRuleName, registryStackName } from "./naming";
import type { CacheRulePlan, EnvironmentPlan, PlatformPlan, RegistryRef, ReplicationRulePlan, ServicePlan } from "./plan-types";
import { assessGroup, type EcrQuotas, type ServicePullProfile } from "./pull-budget";
import { checkReplicationLimits, deriveReplicationRules, planCacheRules, planRegistry, registryKey, usesAlertTopic, alertTopicArnFor } from "./registry-plan";
import { checkAccountAccess, finishEstate } from "./estate-plan";
import { endpointSubnets } from "./vpc-subnets";
import { derivedOwnImageRules, ownImageUpstreams, warnReplicationBackfill, warnUnmanagedUpstreams, type UpstreamRolePlan } from "./own-images";
import { environmentInRegion, type RegionalEnvironment } from "./region-settings";
import { mergeReplicationRules } from "./replication-merge";
import { runRules } from "./rules";
import { applySuppressions } from "./suppressions";
import { checkAlarmTopicRegion, checkNames, checkTagCount, planBackends } from "./plan-checks";
import { parseRegistryKey, quotasFor } from "./plan-support";
import { byCodePoint } from "./sort";

interface Location {
  readonly environment: string;
  readonly accountAlias: string;
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
}

/**
 * Resolves a validated config into everything the stacks render, and every finding about it.
 * Errors here mean "do not synthesize"; warnings become annotations and report lines.
 */
export function planPlatform(config: PlatformConfig): PlatformPlan {
  const log = new FindingLog();

  // Accounts: aliases are how config refers to them; ids are what AWS sees.
  const accountIds = new Map<string, string>();
  const aliasById = new Map<string, string>();
  for (const [alias, account] of Object.entries(config.accounts)) {
    const other = aliasById.get(account.id);
    if (other !== undefined) log.error(`accounts.${alias}.id`, `repeats account ${account.id}, already declared as accounts.${other}`);
    else aliasById.set(account.id, alias);
    accountIds.set(alias, account.id);
  }
  const declaredAccounts = new Set(accountIds.values());
  checkAccountAccess(config, log);

  // Where environments run: one stack per environment, or per environment and Region.
  const locations: Location[] = [];
  for (const [environment, env] of Object.entries(config.environments)) {
    const account = accountIds.get(env.account);
    if (account === undefined) {
      log.error(`environments.${environment}.account`, `names account "${env.account}", which is not declared under accounts (declared: ${[...accountIds.keys()].join(", ")})`);
      continue;
    }
    const regions = Object.keys(env.regions).sort();
    for (const region of regions) {
      locations.push({ environment, accountAlias: env.account, account, region, stackName: environmentStackName(environment, region, regions.length > 1) });
    }
  }
  const stackOwners = new Map<string, string>();
  for (const location of locations) {
    // cdktf keys a construct's children by name in a plain object: "constructor" clashes.
    if (location.stackName in Object.prototype) {
      log.error(`environments.${location.environment}`, `gives stack name "${location.stackName}", which cdktf cannot use (it is a property of every JavaScript object); rename the environment`);
      continue;
    }
    const owner = stackOwners.get(location.stackName);
    if (owner !== undefined) {
      log.error(`environments.${location.environment}`, `gives stack name "${location.stackName}", which environments.${owner} also gives; rename one environment`);
    }
    stackOwners.set(location.stackName, location.environment);
  }

  // Each environment as it runs in each Region: Region-bound values merged over the environment's.
  const regionalByStack = new Map<string, RegionalEnvironment>();
  for (const location of locations) {
    regionalByStack.set(location.stackName, environmentInRegion(location.environment, config.environments[location.environment]!, location.region, location.stackName, log));
  }

  // Cache rules per cluster registry, computed once and shared by image resolution and the registry
  // stack, with ECR-to-ECR rules for the team's own images pushed to another registry.
  const clusterRegistries = new Map<string, RegistryRef & { alias: string }>();
  for (const location of locations) clusterRegistries.set(registryKey(location), { account: location.account, region: location.region, alias: location.accountAlias });
  const ownUpstreams = ownImageUpstreams(config, locations.map((l) => ({ ...l, env: regionalByStack.get(l.stackName)!.env })), declaredAccounts);
  const cacheRuleViews = new Map<string, CacheRulePlan[]>();
  const upstreamRoles = new Map<string, UpstreamRolePlan>();
  for (const [key, ref] of clusterRegistries) {
    const registry = config.accounts[ref.alias]?.registry;
    const stack = registryStackName(ref.account, ref.region);
    const derived = (explicit: readonly CacheRulePlan[]) => {
      const own = derivedOwnImageRules(ref, ownUpstreams.get(key) ?? [], explicit, config.project);
      if (own.role) upstreamRoles.set(key, own.role);
      return own.rules;
    };
    const ctx = { accountAlias: ref.alias, account: ref.account, region: ref.region, basePath: `accounts.${ref.alias}.registry`, log, stack };
    const rules = planCacheRules(registry?.pullThroughCache ?? { azure: {}, ecr: {} }, ctx, derived);
    warnUnmanagedUpstreams(rules, declaredAccounts, ref.account, stack, log);
    cacheRuleViews.set(key, rules);
  }

  // Environment stacks; image resolution records which of our images must be replicated where.
  const replicationNeeds = new Map<string, Map<string, Set<string>>>(); // source -> repository -> destinations
  const environmentDrafts: Omit<EnvironmentPlan, "dependsOn" | "access">[] = [];
  const profilesByAccountRegion = new Map<string, ServicePullProfile[]>();
  for (const location of locations) {
    const regional = regionalByStack.get(location.stackName)!;
    const env = regional.env;
    const vpc = env.regions[location.region]!.vpc;
    const { quotas } = quotasFor(config, location.region);
    const target: RegistryRef = { account: location.account, region: location.region };
    const ctx: LocationContext = {
      config,
      environment: location.environment,
      env,
      account: location.account,
      region: location.region,
      stackName: location.stackName,
      natPublicIps: vpc.natPublicIps,
      quotas,
      log,
      images: {
        target,
        cacheRules: cacheRuleViews.get(registryKey(target)) ?? [],
        declaredAccounts,
        log,
        stack: location.stackName,
        needsReplication: (source, repository) => {
          const bySource = replicationNeeds.get(registryKey(source)) ?? new Map<string, Set<string>>();
          const destinations = bySource.get(repository) ?? new Set<string>();
          destinations.add(registryKey(target));
          bySource.set(repository, destinations);
          replicationNeeds.set(registryKey(source), bySource);
        },
      },
    };
    const services: ServicePlan[] = [];
    for (const name of Object.keys(env.services).sort()) {
      const service = planService(name, env.services[name]!, roleNameFor(name, ctx), ctx);
      if (service) services.push(service);
    }
    // Clusters are regional: every Region of an environment names its cluster the same (unless it targets an existing one).
    const clusterName = regional.existingClusterName ?? clusterNameFor(config.project, location.environment);
    const ec2Services = services.filter((s) => s.launchType === "EC2");
    const needProviders = services.filter((s) => s.launchType === "EC2" || s.production.capacityProviderStrategy?.some((p) => p.capacityProvider === "FARGATE_SPOT"));
    if (regional.existingClusterName !== undefined && needProviders.length > 0) {
      // aws_ecs_cluster_capacity_providers owns a cluster's whole provider list: attaching ours would drop the cluster's own.
      log.error(`environments.${location.environment}.regions.${location.region}.existingClusterName`, `targets existing cluster "${regional.existingClusterName}", but ${needProviders.map((s) => s.name).join(", ")} need EC2 or Fargate Spot capacity providers, which would replace that cluster's own; run them on Fargate or let pullguard create the cluster`, location.stackName);
    }
    const profiles = services.map((s) => s.assessment.profile);
    const accountRegion = registryKey(location);
    profilesByAccountRegion.set(accountRegion, [...(profilesByAccountRegion.get(accountRegion) ?? []), ...profiles]);
    environmentDrafts.push({
      stackName: location.stackName,
      environment: location.environment,
      accountAlias: location.accountAlias,
      account: location.account,
      region: location.region,
      clusterName,
      clusterArn: ecsClusterArn(location.region, location.account, clusterName),
      createCluster: regional.existingClusterName === undefined,
      endpointSecurityGroupName: endpointSecurityGroupName(config.project, location.stackName),
      pullFailureRuleName: pullFailureRuleName(config.project, location.stackName),
      containerInsights: env.containerInsights,
      vpc: {
        id: vpc.id,
        cidr: vpc.cidr,
        privateSubnetIds: vpc.privateSubnetIds,
        privateRouteTableIds: vpc.privateRouteTableIds,
        natPublicIps: vpc.natPublicIps,
        endpointSubnetIds: endpointSubnets(vpc, location.region, `environments.${location.environment}.regions.${location.region}.vpc`, location.stackName, log),
        endpointRouteTableIds: vpc.privateRouteTableIds,
      },
      endpoints: planEndpoints(services, ec2Services.length > 0, ctx),
      services,
      executionRoles: planExecutionRoles(services, env.services, ctx),
      ...(ec2Services.length > 0 ? { ec2Capacity: planEc2Capacity(ec2Services, clusterName, ctx) } : {}),
      pullFailureEvents: config.detection.pullFailureEvents,
      ...(usesAlertTopic(config.detection) ? { alertTopicArn: alertTopicArnFor(config.detection, config.project, location) } : {}),
      registryStackName: registryStackName(location.account, location.region),
      groupAssessment: assessGroup(`${location.stackName} (every service rolling at once)`, profiles, quotas),
      tags: { ...config.tags, ...env.tags },
    });
  }

  // Replication: derived from images pushed in one registry and run in another, plus explicit rules.
  const replicationBySource = new Map<string, ReplicationRulePlan[]>();
  for (const [source, needs] of replicationNeeds) {
    replicationBySource.set(source, deriveReplicationRules(needs, parseRegistryKey));
  }
  for (const [alias, account] of Object.entries(config.accounts)) {
    (account.registry?.replicationRules ?? []).forEach((rule, index) => {
      const path = `accounts.${alias}.registry.replicationRules[${index}]`;
      const destinations: RegistryRef[] = [];
      rule.destinations.forEach((d, di) => {
        const id = accountIds.get(d.account);
        if (id === undefined) log.error(`${path}.destinations[${di}].account`, `names account "${d.account}", which is not declared under accounts`);
        else if (id === account.id && d.region === rule.sourceRegion) log.error(`${path}.destinations[${di}]`, "equals the rule's source registry; a destination must differ from its source");
        else destinations.push({ account: id, region: d.region });
      });
      const source = registryKey({ account: account.id, region: rule.sourceRegion });
      replicationBySource.set(source, [...(replicationBySource.get(source) ?? []), { destinations, repositoryPrefixes: rule.repositoryPrefixes, origin: "explicit" }]);
    });
  }
  const receiving = new Map<string, Set<string>>(); // destination -> source accounts
  for (const [source, unmerged] of replicationBySource) {
    const rules = mergeReplicationRules(unmerged);
    replicationBySource.set(source, rules);
    const sourceRef = parseRegistryKey(source);
    const alias = aliasById.get(sourceRef.account) ?? sourceRef.account;
    warnReplicationBackfill(rules, `accounts.${alias}.registry`, registryStackName(sourceRef.account, sourceRef.region), log);
    checkReplicationLimits(rules, `accounts.${alias}.registry.replicationRules`, registryStackName(sourceRef.account, sourceRef.region), sourceRef, log);
    for (const destination of rules.flatMap((r) => r.destinations)) {
      const accounts = receiving.get(registryKey(destination)) ?? new Set<string>();
      accounts.add(sourceRef.account);
      receiving.set(registryKey(destination), accounts);
    }
  }

  // Registry stacks: every registry that runs clusters, pushes replicated images or receives them.
  // ...and every registry of ours that an ECR-to-ECR cache rule reads (its policy grants the readers).
  const upstreamKeys = [...cacheRuleViews.values()].flat().filter((r) => r.kind === "ecr" && aliasById.has(r.upstreamAccount!)).map((r) => `${r.upstreamAccount}/${r.upstreamRegion}`);
  const registryKeys = new Set<string>([...clusterRegistries.keys(), ...replicationBySource.keys(), ...receiving.keys(), ...upstreamKeys]);
  const registryDrafts = [...registryKeys].sort().map((key) => {
    const ref = parseRegistryKey(key);
    const alias = aliasById.get(ref.account)!;
    const { quotas, overridden } = quotasFor(config, ref.region);
    const sourceAccounts = [...(receiving.get(key) ?? [])].filter((a) => a !== ref.account).sort();
    return planRegistry({
      project: config.project,
      accountAlias: alias,
      account: ref.account,
      region: ref.region,
      registry: config.accounts[alias]!.registry,
      cacheRules: cacheRuleViews.get(key) ?? [],
      replicationRules: replicationBySource.get(key) ?? [],
      replicationSourceAccounts: sourceAccounts,
      receivesReplication: receiving.has(key),
      quotas,
      quotasOverridden: overridden,
      detection: config.detection,
      tags: config.tags,
      log,
    });
  });

  const accountRegionAssessments = [...profilesByAccountRegion.entries()]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([key, profiles]) => {
      const ref = parseRegistryKey(key);
      const group = assessGroup(`${ecrRegistryHost(ref.account, ref.region)} (every environment's services rolling at once)`, profiles, quotasFor(config, ref.region).quotas);
      return { ...group, registryStackName: registryStackName(ref.account, ref.region) };
    });

  const { environments, registries, deployOrder, adoption } = finishEstate({ config, environments: environmentDrafts, registries: registryDrafts, upstreamRoles, log });
  checkAlarmTopicRegion(config, environments, registries, log);
  checkNames(environments, registries, log);
  checkTagCount(environments, log);

  const stackNames = [...environments.map((e) => e.stackName), ...registries.map((r) => r.stackName)];
  for (const name of Object.keys(config.stackBackends)) {
    if (!stackNames.includes(name)) log.error(`stackBackends.${name}`, `names no stack; stacks are: ${stackNames.join(", ")}`);
  }
  const backends = planBackends(config, stackNames, log);

  const quotas: Record<string, EcrQuotas> = {};
  for (const region of [...new Set(registries.map((r) => r.region))].sort()) quotas[region] = quotasFor(config, region).quotas;

  const partial = {
    project: config.project,
    registries,
    environments,
    backends,
    quotas,
    maxQuotaShare: config.pullBudget.maxQuotaShare,
    allowDockerHubDirect: config.pullBudget.allowDockerHubDirect,
    accountRegionAssessments,
    deployOrder,
    adoption,
  };
  runRules(partial, log);
  return { ...partial, ...applySuppressions(log.list(), config.suppressions) };
}

