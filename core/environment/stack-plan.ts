import type { PlatformConfig } from "../../config/schema";
import { ecsClusterArn } from "../../facts/ecs";
import { ecrRegistryHost } from "../../facts/ecr";
import { planEc2Capacity } from "./ec2-capacity-plan";
import { endpointsOff, planEndpoints } from "./endpoint-plan";
import { planExecutionRoles, roleNameFor } from "../iam/execution-role-plan";
import type { FindingLog } from "../model/findings";
import type { LocationContext } from "../model/location-context";
import type { EnvironmentLocation } from "../locations/plan";
import { clusterName as clusterNameFor, endpointSecurityGroupName, pullFailureRuleName, registryStackName } from "../locations/naming";
import type { CacheRulePlan, EnvironmentDraft, PlatformPlan, RegistryRef, ReplicationNeeds, ServicePlan, UnplannedService } from "../model/plan-types";
import type { QuotasIn } from "../plan/support";
import { assessGroup, type ServicePullProfile } from "../budget";
import { alertTopicArnFor, usesAlertTopic } from "../registry/plan";
import { parseRegistryKey, registryKey } from "../registry/key";
import { planService, servicePath } from "../services/plan";
import { pullFailurePattern } from "../services/pull-failure-alarm";
import { byCodePoint } from "../sort";
import { endpointSubnets } from "./vpc-subnets";
import { environmentEndpointIds, regionEc2Capacity } from "../locations/region-settings";

/**
 * One environment stack per location: its cluster, VPC and endpoints, services and their rollouts,
 * execution roles and EC2 capacity. Resolving images also tells which of our images must be
 * replicated into the location's registry; the services' pull profiles are what the account's
 * shared ECR quotas are judged on.
 */

/** What planning one environment stack reads from the rest of the plan. */
export interface EnvironmentStackInputs {
  readonly config: PlatformConfig;
  /** The cache rules of the location's registry (core/registry/cache-rule-plan.ts). */
  readonly cacheRules: readonly CacheRulePlan[];
  readonly declaredAccounts: ReadonlySet<string>;
  /** Written to: image resolution records which of our images must be replicated into this location's registry. */
  readonly replicationNeeds: ReplicationNeeds;
  /** The plan's quotas per Region (core/plan/support.ts quotasPerRegion). */
  readonly quotasIn: QuotasIn;
  readonly log: FindingLog;
}

/** What the service, endpoint, IAM and capacity planners read about one location. */
export function locationContext(location: EnvironmentLocation, inputs: EnvironmentStackInputs): LocationContext {
  const { config, log } = inputs;
  const target: RegistryRef = { account: location.account, region: location.region };
  const regionalInstanceType = config.environments[location.environment]?.regions[location.region]?.ec2Capacity?.instanceType !== undefined;
  return {
    project: config.project,
    pullBudget: { maxQuotaShare: config.pullBudget.maxQuotaShare, defaultMaxConcurrentStarts: config.pullBudget.defaultMaxConcurrentStarts },
    environment: location.environment,
    env: location.env,
    account: location.account,
    region: location.region,
    instanceTypePath: regionalInstanceType ? `environments.${location.environment}.regions.${location.region}.ec2Capacity.instanceType` : `environments.${location.environment}.ec2Capacity.instanceType`,
    stackName: location.stackName,
    // Clusters are regional: every Region of an environment names its cluster the same (unless it targets an existing one).
    clusterName: location.existingClusterName ?? clusterNameFor(config.project, location.environment),
    natPublicIps: location.env.regions[location.region]!.vpc.natPublicIps,
    quotas: inputs.quotasIn(location.region).quotas,
    log,
    images: {
      target,
      cacheRules: inputs.cacheRules,
      declaredAccounts: inputs.declaredAccounts,
      log,
      stack: location.stackName,
      needsReplication: (source, repository) => recordReplicationNeed(inputs.replicationNeeds, source, repository, target),
    },
  };
}

export function planEnvironmentStack(location: EnvironmentLocation, inputs: EnvironmentStackInputs): EnvironmentDraft {
  const { config } = inputs;
  const ctx = locationContext(location, inputs);
  const env = location.env;
  const vpc = env.regions[location.region]!.vpc;
  // The environment as declared, before this Region's values are merged in.
  const declared = config.environments[location.environment]!;
  const regionCapacity = regionEc2Capacity(declared, location.region);
  const services: ServicePlan[] = [];
  const unplannedServices: UnplannedService[] = [];
  for (const name of Object.keys(env.services).sort()) {
    const service = planService(name, env.services[name]!, roleNameFor(name, ctx), ctx);
    if (service) services.push(service);
    else unplannedServices.push({ name, configPath: servicePath(ctx, name) });
  }
  const clusterName = ctx.clusterName;
  const ec2Services = services.filter((s) => s.launchType === "EC2");
  // An existing cluster cannot take capacity providers: PG-EXISTING-CLUSTER-CAPACITY (core/rules/existing-cluster-capacity.ts) judges it.
  return {
    stackName: location.stackName,
    environment: location.environment,
    accountAlias: location.accountAlias,
    account: location.account,
    region: location.region,
    clusterName,
    clusterArn: ecsClusterArn(location.region, location.account, clusterName),
    createCluster: location.existingClusterName === undefined,
    endpointSecurityGroupName: endpointSecurityGroupName(config.project, location.stackName),
    pullFailureRuleName: pullFailureRuleName(config.project, location.stackName),
    pullFailureEventPattern: pullFailurePattern(ecsClusterArn(location.region, location.account, clusterName)),
    containerInsights: env.containerInsights,
    vpc: {
      id: vpc.id,
      cidr: vpc.cidr,
      privateSubnetIds: vpc.privateSubnetIds,
      privateRouteTableIds: vpc.privateRouteTableIds,
      natPublicIps: vpc.natPublicIps,
      ...(vpc.privateSubnetAvailabilityZones ? { privateSubnetAvailabilityZones: vpc.privateSubnetAvailabilityZones } : {}),
      endpointSubnetIds: endpointSubnets(vpc),
      endpointRouteTableIds: vpc.privateRouteTableIds,
    },
    endpoints: planEndpoints(services, ec2Services.length > 0, ctx),
    endpointsOff: endpointsOff(services, ec2Services.length > 0, ctx),
    regionBoundArns: location.regionBoundArns,
    environmentEndpointIds: environmentEndpointIds(declared),
    services,
    unplannedServices,
    executionRoles: planExecutionRoles(services, env.services, ctx),
    ...(ec2Services.length > 0 ? { ec2Capacity: planEc2Capacity(ec2Services, clusterName, ctx) } : {}),
    ...(regionCapacity ? { regionEc2Capacity: regionCapacity } : {}),
    pullFailureEvents: config.detection.pullFailureEvents,
    ...(usesAlertTopic(config.detection) ? { alertTopicArn: alertTopicArnFor(config.detection, config.project, location) } : {}),
    registryStackName: registryStackName(location.account, location.region),
    groupAssessment: assessGroup(`${location.stackName} (every service rolling at once)`, services.map((s) => s.assessment.profile), ctx.quotas),
    tags: { ...config.tags, ...env.tags },
  };
}

export function recordReplicationNeed(needs: ReplicationNeeds, source: RegistryRef, repository: string, destination: RegistryRef): void {
  const bySource = needs.get(registryKey(source)) ?? new Map<string, Set<string>>();
  const destinations = bySource.get(repository) ?? new Set<string>();
  destinations.add(registryKey(destination));
  bySource.set(repository, destinations);
  needs.set(registryKey(source), bySource);
}

/** The services' pull profiles by account and Region (registry key), in the order their locations come. */
export function profilesByAccountRegion(environments: readonly EnvironmentDraft[]): Map<string, ServicePullProfile[]> {
  const profiles = new Map<string, ServicePullProfile[]>();
  for (const env of environments) {
    const key = registryKey(env);
    profiles.set(key, [...(profiles.get(key) ?? []), ...env.services.map((s) => s.assessment.profile)]);
  }
  return profiles;
}

/** Every environment's services of one account and Region rolling at once: they share ECR's quotas there. */
export function assessAccountRegions(quotasIn: QuotasIn, environments: readonly EnvironmentDraft[]): PlatformPlan["accountRegionAssessments"] {
  return [...profilesByAccountRegion(environments).entries()]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([key, profiles]) => {
      const ref = parseRegistryKey(key);
      const group = assessGroup(`${ecrRegistryHost(ref.account, ref.region)} (every environment's services rolling at once)`, profiles, quotasIn(ref.region).quotas);
      return { ...group, registryStackName: registryStackName(ref.account, ref.region) };
    });
}
