import type { PlatformConfig } from "../../config/schema";
import { accountRegionBudget, DEFAULT_FARGATE_QUOTAS, serviceBudget } from "../budget/fargate";
import type { FargateAccountRegion, FargateBudgetPlan, FargateQuotas, FargateServiceShape } from "../model/fargate-types";
import type { EnvironmentDraft, ServicePlan } from "../model/plan-types";
import { byCodePoint } from "../sort";

/**
 * The Fargate budget of the plan: each Fargate service's peak vCPU and launch burst, summed per account
 * and Region, against that Region's Fargate quotas (defaults with pullBudget.fargate.quotas over them).
 */

export function fargateQuotasFor(config: PlatformConfig, region: string): FargateQuotas {
  const o = config.pullBudget.fargate.quotas[region] ?? {};
  const d = DEFAULT_FARGATE_QUOTAS;
  return {
    FARGATE: { ...d.FARGATE, ...(o.onDemandVcpu !== undefined ? { vcpu: o.onDemandVcpu } : {}), ...(o.onDemandLaunch ? { launch: o.onDemandLaunch } : {}) },
    FARGATE_SPOT: { ...d.FARGATE_SPOT, ...(o.spotVcpu !== undefined ? { vcpu: o.spotVcpu } : {}), ...(o.spotLaunch ? { launch: o.spotLaunch } : {}) },
  };
}

/** What the Fargate budget reads of a planned service; undefined for EC2 services. */
export function fargateShape(s: ServicePlan): FargateServiceShape | undefined {
  if (s.launchType !== "FARGATE") return undefined;
  const starts = s.production.starts;
  return {
    cpu: s.cpu,
    fleet: starts.fleet,
    strategy: s.production.deployment.strategy,
    minimumHealthyPercent: s.rollout.minimumHealthyPercent,
    maximumPercent: s.rollout.maximumPercent,
    capacity: (s.production.capacityProviderStrategy ?? []).map((c) => ({ provider: c.capacityProvider, base: c.base, weight: c.weight })),
    deployStarts: starts.deployment.tasks,
    scaleOutStarts: starts.scaleOut?.tasks ?? 0,
  };
}

export function planFargateBudget(config: PlatformConfig, environments: readonly EnvironmentDraft[]): FargateBudgetPlan {
  const groups = new Map<string, { account: string; region: string; registryStackName: string; envs: EnvironmentDraft[] }>();
  for (const env of environments) {
    const key = `${env.account}/${env.region}`;
    const group = groups.get(key) ?? { account: env.account, region: env.region, registryStackName: env.registryStackName, envs: [] };
    group.envs.push(env);
    groups.set(key, group);
  }
  const accountRegions: FargateAccountRegion[] = [];
  for (const key of [...groups.keys()].sort(byCodePoint)) {
    const g = groups.get(key)!;
    const quotas = fargateQuotasFor(config, g.region);
    const services = g.envs.flatMap((env) =>
      env.services.flatMap((s) => {
        const shape = fargateShape(s);
        return shape ? [serviceBudget({ stack: env.stackName, service: s.name, configPath: s.configPath }, shape, quotas)] : [];
      }),
    );
    if (services.length > 0) accountRegions.push(accountRegionBudget(g, quotas, services));
  }
  return { maxVcpuShare: config.pullBudget.fargate.maxVcpuShare, maxLaunchShare: config.pullBudget.maxQuotaShare, accountRegions };
}
