import type { PolicyDocument } from "../iam/policy";
import type { ServiceAssessment } from "../budget/assessment";
import type { CpuArchitecture } from "../../facts/ec2-architecture";
import type { DeploymentStrategy, RolloutTiming, StartCause } from "../budget/task-starts";

/** What a container runs and how ECS checks it, beyond its image. */
export interface ContainerSettingsPlan {
  readonly command?: readonly string[];
  readonly entryPoint?: readonly string[];
  readonly workingDirectory?: string;
  readonly user?: string;
  readonly readonlyRootFilesystem: boolean;
  readonly stopTimeout?: number;
  readonly healthCheck?: {
    readonly command: readonly string[];
    readonly intervalSeconds: number;
    readonly timeoutSeconds: number;
    readonly retries: number;
    readonly startPeriodSeconds: number;
  };
  /** Container name -> condition, sorted by name. */
  readonly dependsOn: Readonly<Record<string, "START" | "COMPLETE" | "SUCCESS" | "HEALTHY">>;
  readonly versionConsistency: "enabled" | "disabled";
}

export interface LoadBalancerPlan {
  readonly targetGroupArn: string;
  readonly containerName: string;
  readonly containerPort: number;
  readonly advanced?: {
    readonly alternateTargetGroupArn: string;
    readonly productionListenerRule: string;
    readonly testListenerRule?: string;
    readonly roleArn: string;
  };
}

export type TaskRolePlan =
  | { readonly mode: "existing"; readonly arn: string }
  | {
      readonly mode: "create";
      readonly name: string;
      readonly trustPolicy: PolicyDocument;
      /** Absent when there is nothing to grant inline. */
      readonly policy?: PolicyDocument;
      readonly managedPolicyArns: readonly string[];
    };

export type ScalingPolicyPlan =
  | {
      readonly type: "target-tracking";
      readonly predefinedMetric: "ECSServiceAverageCPUUtilization" | "ECSServiceAverageMemoryUtilization" | "ALBRequestCountPerTarget";
      readonly resourceLabel?: string;
      readonly target: number;
      readonly scaleOutCooldownSeconds: number;
      readonly scaleInCooldownSeconds: number;
    }
  | {
      readonly type: "step";
      readonly metricName: "CPUUtilization" | "MemoryUtilization";
      readonly scaleOutAbove: number;
      readonly scaleInBelow: number;
      readonly maxAdjustment: number;
      readonly cooldownSeconds: number;
      readonly scaleOutAlarmName: string;
      readonly scaleInAlarmName: string;
    };

export interface AutoscalingPlan {
  readonly min: number;
  readonly max: number;
  /** service/<cluster>/<service> (Application Auto Scaling resource id). */
  readonly resourceId: string;
  readonly clusterName: string;
  readonly policy: ScalingPolicyPlan;
}

export interface DeploymentPlan {
  readonly strategy: DeploymentStrategy;
  readonly bakeTimeMinutes: number;
  readonly linear?: { readonly stepPercent: number; readonly stepBakeTimeMinutes: number };
  readonly canary?: { readonly percent: number; readonly bakeTimeMinutes: number };
  readonly lifecycleHooks: readonly { readonly targetArn: string; readonly roleArn: string; readonly stages: readonly string[] }[];
  readonly alarms?: { readonly names: readonly string[]; readonly rollback: boolean };
  /** The deployment circuit breaker acts on ROLLING deployments only. */
  readonly circuitBreaker: boolean;
}

/** One way the service starts tasks, priced by the pull model. */
export interface BurstPlan {
  readonly cause: StartCause;
  readonly tasks: number;
  /** Most tasks that fit maxQuotaShare of every ECR quota (maxStartsWithinShare). */
  readonly quotaBound: number;
  readonly assessment: ServiceAssessment;
}

export interface TaskStartsPlan {
  /** Tasks a deployment may meet: autoscaling.max, else desiredCount. */
  readonly fleet: number;
  /** ROLLING: the wave; other strategies: the whole green fleet. */
  readonly deployment: BurstPlan;
  readonly scaleOut?: BurstPlan & { readonly secondsMinToMax: number };
  readonly timing: RolloutTiming;
  /** Restarts outside deployments, reported as allowances. */
  readonly allowances: { readonly azRebalancing: number; readonly spotInterruptions: number };
}

export interface ProductionServicePlan {
  readonly cpuArchitecture: CpuArchitecture;
  readonly loadBalancers: readonly LoadBalancerPlan[];
  readonly taskRole?: TaskRolePlan;
  readonly ephemeralStorageGiB?: number;
  /** Resolved capacity provider names (FARGATE, FARGATE_SPOT, or the environment's EC2 provider). */
  readonly capacityProviderStrategy?: readonly { readonly capacityProvider: string; readonly base: number; readonly weight: number }[];
  readonly platformVersion?: string;
  readonly enableExecuteCommand: boolean;
  readonly availabilityZoneRebalancing: "ENABLED" | "DISABLED";
  readonly autoscaling?: AutoscalingPlan;
  readonly deployment: DeploymentPlan;
  readonly starts: TaskStartsPlan;
}
