import type { PolicyDocument } from "./policy-types";
import type { CpuArchitecture } from "../../facts/ec2-architecture";
import type { DeploymentStrategy, RolloutTiming, ServiceAssessment, StartCause } from "./budget-types";

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

/** An EventBridge event pattern, in the subset core/services/event-pattern.ts can evaluate. */
export type PatternLeaf = string | { readonly prefix: string } | { readonly wildcard: string };
export interface EventPattern {
  readonly [field: string]: readonly PatternLeaf[] | EventPattern | readonly EventPattern[];
}

/** The service's own pull-failure rule and the alarm on its `AWS/Events` `TriggeredRules` metric (core/services/pull-failure-alarm.ts). */
export interface PullFailureAlarmPlan {
  readonly ruleName: string;
  readonly alarmName: string;
  readonly eventPattern: EventPattern;
  /** EventBridge's own metric for the rule: no log group or metric filter in between. */
  readonly metric: { readonly namespace: "AWS/Events"; readonly name: "TriggeredRules"; readonly dimensions: { readonly RuleName: string } };
  readonly statistic: "Sum";
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** Failed pulls in one period that put the alarm in ALARM (GreaterThanOrEqualToThreshold). */
  readonly threshold: number;
}

/** What the circuit breaker counts before it fails a deployment (docs/aws-facts.md, "ECS"). */
export interface CircuitBreakerPlan {
  /** ROLLING and BLUE_GREEN: the strategies AWS's deployment failure detection page names. */
  readonly enabled: boolean;
  /** BOUNDED_PERCENT 50 (0.5 x desired, at least 3, at most 200) unless deployment.circuitBreaker says otherwise. */
  readonly threshold: { readonly type: "COUNT" | "BOUNDED_PERCENT" | "UNBOUNDED_PERCENT"; readonly value: number };
  /** Failed tasks that fail the deployment at the fleet a deployment meets. */
  readonly failures: number;
  /** true: a healthy task resets the count (consecutive failures, the ECS default); false: failures add up over the deployment. */
  readonly resetOnHealthyTask: boolean;
  /** Whether the output sets threshold and reset (false: the pinned provider has no arguments for them, so ECS applies its defaults). */
  readonly emitted: boolean;
  /** The config wrote threshold or resetOnHealthyTask, which nothing renders: PG-CIRCUIT-BREAKER-SETTINGS judges it. */
  readonly settingsWritten?: true;
}

export interface DeploymentPlan {
  readonly strategy: DeploymentStrategy;
  readonly bakeTimeMinutes: number;
  readonly linear?: { readonly stepPercent: number; readonly stepBakeTimeMinutes: number };
  readonly canary?: { readonly percent: number; readonly bakeTimeMinutes: number };
  readonly lifecycleHooks: readonly { readonly targetArn: string; readonly roleArn: string; readonly stages: readonly string[] }[];
  /** The alarms the config names (deployment.alarms). */
  readonly alarms?: { readonly names: readonly string[]; readonly rollback: boolean };
  readonly pullFailureAlarm: PullFailureAlarmPlan;
  /** The service's alarms block: the pull-failure alarm first, then the configured ones; rollback unless deployment.alarms.rollback is false. */
  readonly rollbackAlarms: { readonly names: readonly string[]; readonly rollback: boolean };
  readonly circuitBreaker: CircuitBreakerPlan;
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

/** One field of one rendered container definition (core/services/task-definition-size.ts). */
export interface TaskDefinitionPart {
  /** Container name. */
  readonly container: string;
  /** Key of the rendered container definition, e.g. command, environment, healthCheck. */
  readonly field: string;
  /** Bytes of `"field":<value>` in the rendered JSON. */
  readonly bytes: number;
}

/** A task definition's size as ECS counts it against its 64 KiB limit (PG-TASK-DEFINITION-SIZE judges it). */
export interface TaskDefinitionSize {
  /** Rendered container definitions plus TASK_LEVEL_ALLOWANCE_BYTES. */
  readonly bytes: number;
  /** The single largest field of any container: where to look first when the total is over. */
  readonly largest: TaskDefinitionPart;
}
