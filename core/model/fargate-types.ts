import type { CapacityShare, DeploymentStrategy } from "./budget-types";

/**
 * The Fargate budget's records (docs/pull-budget.md, "Fargate vCPU and launch rate"): the running vCPU
 * quotas and launch buckets per capacity, and what each service and account-Region needs of them.
 * core/budget/fargate.ts computes them; the plan carries them. Types only.
 */

export type FargateCapacity = "FARGATE" | "FARGATE_SPOT";

export interface LaunchBucket {
  /** Tasks launched at once from a full bucket. */
  readonly burst: number;
  /** Tokens refilled per second. */
  readonly rate: number;
}

export interface FargateCapacityQuota {
  /** Running vCPU allowed (Service Quotas "Fargate On-Demand vCPU resource count" / "Fargate Spot vCPU resource count"). */
  readonly vcpu: number;
  readonly vcpuQuotaCode: string;
  readonly vcpuQuotaName: string;
  readonly launch: LaunchBucket;
}

export type FargateQuotas = Readonly<Record<FargateCapacity, FargateCapacityQuota>>;

/** What the Fargate budget needs of one service. */
export interface FargateServiceShape {
  /** Task cpu units; a task's vCPU is cpu / 1024. */
  readonly cpu: number;
  /** Tasks the service may run when a deployment starts (autoscaling.max, else desiredCount). */
  readonly fleet: number;
  readonly strategy: DeploymentStrategy;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  /** FARGATE / FARGATE_SPOT items; empty = every task on FARGATE (launch type FARGATE). */
  readonly capacity: readonly CapacityShare[];
  /** Tasks one deployment starts at once, and one scale-out step (0 without autoscaling). */
  readonly deployStarts: number;
  readonly scaleOutStarts: number;
}

export type PerCapacity = Readonly<Record<FargateCapacity, number>>;

/** One Fargate service as the Fargate budget sees it. */
export interface FargateServiceBudget {
  readonly stack: string;
  readonly service: string;
  readonly configPath: string;
  readonly shape: FargateServiceShape;
  readonly steadyVcpu: PerCapacity;
  readonly peakTasks: PerCapacity;
  readonly peakVcpu: PerCapacity;
  readonly launchBurst: PerCapacity;
  /** Seconds each capacity's launch bucket takes to admit the burst (launchSeconds). */
  readonly launchSeconds: PerCapacity;
}

/** Every Fargate service of one account and Region: they share its vCPU quotas and launch buckets. */
export interface FargateAccountRegion {
  readonly account: string;
  readonly region: string;
  /** "account/Region", for messages. */
  readonly label: string;
  /** The registry stack of that account and Region (where account-wide findings are filed). */
  readonly registryStackName: string;
  readonly quotas: FargateQuotas;
  readonly services: readonly FargateServiceBudget[];
  /** Every service at its fleet, no deployment running. */
  readonly steadyVcpu: PerCapacity;
  /** Every service at its deployment peak at once (a hotfix rolled everywhere). */
  readonly peakVcpu: PerCapacity;
  /** Every service's largest burst in the same second, and how long the buckets take to admit it. */
  readonly launchBurst: PerCapacity;
  readonly launchSeconds: PerCapacity;
}

export interface FargateBudgetPlan {
  readonly maxVcpuShare: number;
  /** Share of a launch bucket's burst one service's burst may take before PG-FARGATE-LAUNCH-RATE warns (pullBudget.maxQuotaShare). */
  readonly maxLaunchShare: number;
  readonly accountRegions: readonly FargateAccountRegion[];
}
