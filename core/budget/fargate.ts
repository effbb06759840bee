/**
 * Fargate's own per-account, per-Region limits, which the ECR model does not see: the running vCPU
 * quotas (On-Demand and Spot apart) and the task launch token buckets (On-Demand and Spot apart).
 * docs/aws-facts.md, "Fargate quotas"; docs/pull-budget.md, "Fargate vCPU and launch rate".
 * Pure: data in, data out; no cdktf, no I/O. Kept apart from the ECR model (assessment.ts) so each
 * can change alone.
 */
import { FARGATE_TASK_LAUNCH_BUCKET } from "./quotas";
import { taskCeiling, runningFloor, MAX_MAXIMUM_PERCENT } from "./rollout";
import { tasksOnProvider } from "./task-starts";
import type { FargateAccountRegion, FargateCapacity, FargateQuotas, FargateServiceBudget, FargateServiceShape, LaunchBucket, PerCapacity } from "../model/fargate-types";

export const FARGATE_CAPACITIES: readonly FargateCapacity[] = Object.freeze(["FARGATE", "FARGATE_SPOT"] as const);

/**
 * Service Quotas defaults (service code fargate): 4,000 vCPU each, adjustable; many accounts run with a
 * much lower applied value (new accounts start as low as 6), so set yours (pullBudget.fargate.quotas).
 * Launch buckets: FARGATE_TASK_LAUNCH_BUCKET (100 burst, 20/s refill), one bucket for On-Demand,
 * one for Spot (ECS developer guide, "AWS Fargate throttling quotas").
 */
export const DEFAULT_FARGATE_QUOTAS: FargateQuotas = Object.freeze({
  FARGATE: Object.freeze({ vcpu: 4000, vcpuQuotaCode: "L-3032A538", vcpuQuotaName: "Fargate On-Demand vCPU resource count", launch: FARGATE_TASK_LAUNCH_BUCKET }),
  FARGATE_SPOT: Object.freeze({ vcpu: 4000, vcpuQuotaCode: "L-36FBB829", vcpuQuotaName: "Fargate Spot vCPU resource count", launch: FARGATE_TASK_LAUNCH_BUCKET }),
});

/** Tasks of `tasks` on each Fargate capacity: base first, then by weight, rounded up (tasksOnProvider). */
export function tasksPerCapacity(shape: Pick<FargateServiceShape, "capacity">, tasks: number): PerCapacity {
  if (shape.capacity.length === 0) return { FARGATE: tasks, FARGATE_SPOT: 0 };
  return { FARGATE: tasksOnProvider(shape.capacity, tasks, "FARGATE"), FARGATE_SPOT: tasksOnProvider(shape.capacity, tasks, "FARGATE_SPOT") };
}

function add(a: PerCapacity, b: PerCapacity): PerCapacity {
  return { FARGATE: a.FARGATE + b.FARGATE, FARGATE_SPOT: a.FARGATE_SPOT + b.FARGATE_SPOT };
}

function larger(a: PerCapacity, b: PerCapacity): PerCapacity {
  return { FARGATE: Math.max(a.FARGATE, b.FARGATE), FARGATE_SPOT: Math.max(a.FARGATE_SPOT, b.FARGATE_SPOT) };
}

/**
 * Tasks running on each capacity at the service's peak. Each deployment (task set) places its own
 * tasks with the strategy, so its base counts once per deployment:
 * - ROLLING: old and new deployments together reach T = floor(F x max / 100); the old one keeps between
 *   ceil(F x min / 100) and F tasks. Both ends are priced, old F + new T - F and old floor + new T - floor,
 *   and the larger per capacity is taken.
 * - BLUE_GREEN, LINEAR, CANARY: blue F and green F side by side during the bake.
 * - Scale-out reaches F (= autoscaling.max) with one deployment: never above the deployment's peak.
 */
export function peakTasks(shape: FargateServiceShape, maximumPercent = shape.maximumPercent, fleet = shape.fleet): PerCapacity {
  const steady = tasksPerCapacity(shape, fleet);
  if (shape.strategy !== "ROLLING") return add(steady, steady);
  const ceiling = Math.max(fleet, taskCeiling(fleet, maximumPercent));
  const floor = Math.min(fleet, runningFloor(fleet, shape.minimumHealthyPercent));
  const whole = add(steady, tasksPerCapacity(shape, ceiling - fleet));
  const thinned = add(tasksPerCapacity(shape, floor), tasksPerCapacity(shape, ceiling - floor));
  return larger(whole, thinned);
}

/** Running vCPU of `tasks` tasks of `cpu` units. */
export function vcpuOf(cpu: number, tasks: number): number {
  return (tasks * cpu) / 1024;
}

export function peakVcpu(shape: FargateServiceShape, maximumPercent = shape.maximumPercent, fleet = shape.fleet): PerCapacity {
  const t = peakTasks(shape, maximumPercent, fleet);
  return { FARGATE: vcpuOf(shape.cpu, t.FARGATE), FARGATE_SPOT: vcpuOf(shape.cpu, t.FARGATE_SPOT) };
}

/** Shares within this of a limit count as at it (float noise), as in quotas.ts. */
const EPSILON = 1e-9;

function fits(used: PerCapacity, allowed: PerCapacity): boolean {
  return used.FARGATE <= allowed.FARGATE * (1 + EPSILON) && used.FARGATE_SPOT <= allowed.FARGATE_SPOT * (1 + EPSILON);
}

/** What a vCPU overrun can be fixed with: the widest ROLLING maximumPercent, else the largest fleet, that fits `allowed`. */
export interface VcpuFit {
  /** ROLLING only: widest maximumPercent in [100, 200] whose peak fits; undefined when none or not ROLLING. */
  readonly maximumPercent?: number;
  /** Largest fleet (desiredCount, or autoscaling.max) whose peak fits at the planned percents; 0 when not even one task. */
  readonly fleet: number;
}

export function widestFit(shape: FargateServiceShape, allowed: PerCapacity): VcpuFit {
  let maximumPercent: number | undefined;
  if (shape.strategy === "ROLLING") {
    for (let m = MAX_MAXIMUM_PERCENT; m >= 100; m--) {
      if (fits(peakVcpu(shape, m), allowed)) {
        maximumPercent = m;
        break;
      }
    }
  }
  // Peak vCPU never falls when the fleet grows: binary search for the largest fleet that fits.
  let low = 0;
  let high = shape.fleet;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(peakVcpu(shape, shape.maximumPercent, mid), allowed)) low = mid;
    else high = mid - 1;
  }
  return { ...(maximumPercent !== undefined ? { maximumPercent } : {}), fleet: low };
}

/** Tasks each capacity's launch bucket must admit for the service's largest burst (deployment or scale-out step). */
export function launchBurst(shape: FargateServiceShape): PerCapacity {
  return larger(tasksPerCapacity(shape, shape.deployStarts), tasksPerCapacity(shape, shape.scaleOutStarts));
}

/**
 * Seconds until a burst of `tasks` is launched from a full bucket: the burst goes at once, the rest at
 * the refill rate, ceil((tasks - burst) / rate); 0 within the burst.
 */
export function launchSeconds(tasks: number, bucket: LaunchBucket): number {
  return tasks <= bucket.burst ? 0 : Math.ceil((tasks - bucket.burst) / bucket.rate);
}

export function serviceBudget(where: Pick<FargateServiceBudget, "stack" | "service" | "configPath">, shape: FargateServiceShape, quotas: FargateQuotas): FargateServiceBudget {
  const steady = tasksPerCapacity(shape, shape.fleet);
  const burst = launchBurst(shape);
  return {
    ...where,
    shape,
    steadyVcpu: { FARGATE: vcpuOf(shape.cpu, steady.FARGATE), FARGATE_SPOT: vcpuOf(shape.cpu, steady.FARGATE_SPOT) },
    peakTasks: peakTasks(shape),
    peakVcpu: peakVcpu(shape),
    launchBurst: burst,
    launchSeconds: { FARGATE: launchSeconds(burst.FARGATE, quotas.FARGATE.launch), FARGATE_SPOT: launchSeconds(burst.FARGATE_SPOT, quotas.FARGATE_SPOT.launch) },
  };
}

const NONE: PerCapacity = Object.freeze({ FARGATE: 0, FARGATE_SPOT: 0 });

export function accountRegionBudget(where: Pick<FargateAccountRegion, "account" | "region" | "registryStackName">, quotas: FargateQuotas, services: readonly FargateServiceBudget[]): FargateAccountRegion {
  const steadyVcpu = services.reduce((sum, s) => add(sum, s.steadyVcpu), NONE);
  const peak = services.reduce((sum, s) => add(sum, s.peakVcpu), NONE);
  const burst = services.reduce((sum, s) => add(sum, s.launchBurst), NONE);
  return {
    ...where,
    label: `${where.account}/${where.region}`,
    quotas,
    services,
    steadyVcpu,
    peakVcpu: peak,
    launchBurst: burst,
    launchSeconds: { FARGATE: launchSeconds(burst.FARGATE, quotas.FARGATE.launch), FARGATE_SPOT: launchSeconds(burst.FARGATE_SPOT, quotas.FARGATE_SPOT.launch) },
  };
}

/** `allowed` per capacity: share x quota minus what `others` already use (never below 0). */
export function vcpuAllowance(quotas: FargateQuotas, share: number, others: PerCapacity = NONE): PerCapacity {
  return {
    FARGATE: Math.max(0, share * quotas.FARGATE.vcpu - others.FARGATE),
    FARGATE_SPOT: Math.max(0, share * quotas.FARGATE_SPOT.vcpu - others.FARGATE_SPOT),
  };
}
