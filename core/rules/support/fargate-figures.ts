/** Wording shared by the Fargate rules and the report: figures as a reader checks them by hand. */
import { FARGATE_CAPACITIES } from "../../budget/fargate";
import type { FargateAccountRegion, FargateCapacity, FargateServiceBudget, PerCapacity } from "../../model/fargate-types";

/** 2 decimals at most, no trailing zeros: 0.25, 1.5, 200. */
export function figure(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function share(value: number): string {
  return `${Math.round(value * 1000) / 10}%`;
}

/** "On-Demand" / "Spot": the capacity as Service Quotas names it. */
export const CAPACITY_WORD: Readonly<Record<FargateCapacity, string>> = { FARGATE: "On-Demand", FARGATE_SPOT: "Spot" };

/** The config key of a capacity's vCPU quota or launch bucket under pullBudget.fargate.quotas.<region>. */
export const VCPU_KEY: Readonly<Record<FargateCapacity, string>> = { FARGATE: "onDemandVcpu", FARGATE_SPOT: "spotVcpu" };
export const LAUNCH_KEY: Readonly<Record<FargateCapacity, string>> = { FARGATE: "onDemandLaunch", FARGATE_SPOT: "spotLaunch" };

/** Capacities whose figure passes `limit` (float noise aside), in FARGATE_CAPACITIES order. */
export function over(used: PerCapacity, limit: (c: FargateCapacity) => number): FargateCapacity[] {
  return FARGATE_CAPACITIES.filter((c) => used[c] > limit(c) * (1 + 1e-9));
}

/** "250 vCPU, 6.3% of the 4000 vCPU Fargate On-Demand vCPU resource count (L-3032A538)" */
export function vcpuAgainstQuota(group: Pick<FargateAccountRegion, "quotas">, c: FargateCapacity, vcpu: number): string {
  const q = group.quotas[c];
  return `${figure(vcpu)} vCPU, ${share(vcpu / q.vcpu)} of the ${figure(q.vcpu)} vCPU ${q.vcpuQuotaName} (${q.vcpuQuotaCode})`;
}

/** How the service reaches its peak, in words. */
export function peakCause(s: FargateServiceBudget): string {
  const sh = s.shape;
  return sh.strategy === "ROLLING"
    ? `a rolling deployment at maximumPercent ${sh.maximumPercent} of a fleet of ${sh.fleet}`
    : `${sh.strategy} keeping blue and green fleets of ${sh.fleet} during the bake`;
}
