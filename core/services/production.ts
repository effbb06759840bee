import type { ServiceConfig } from "../../config/schema";
import type { LocationContext } from "../model/location-context";
import { policyDocument } from "../iam/policy";
import type { PolicyDocument, PolicyStatement } from "../model/policy-types";
import { capacityProviderName, pullFailureAlarmName, scalingAlarmName, servicePullFailureRuleName, taskRoleName } from "../locations/naming";
import { ecsClusterArn } from "../../facts/ecs";
import { circuitBreakerFailures, DEFAULT_CIRCUIT_BREAKER_THRESHOLD } from "../budget/rollout";
import { planPullFailureAlarm } from "./pull-failure-alarm";
import type { AutoscalingPlan, BurstPlan, CircuitBreakerPlan, ContainerSettingsPlan, DeploymentPlan, LoadBalancerPlan, ProductionServicePlan, TaskRolePlan, TaskStartsPlan } from "../model/service-types";
import { assessService, maxStartsWithinShare, type ServiceAssessment, type PullProfileWithoutPercents } from "../budget";
import { burstProfile, deploymentBurst, rolloutTiming, scaleOutSeconds, scaleOutStep, tasksOnProvider } from "../budget/task-starts";
import { byCodePoint } from "../sort";
import { taskArchitecture } from "./architecture";

/**
 * Plans the production shape of one service (load balancers, task role, capacity, autoscaling,
 * deployment strategy) and every way it starts tasks, priced by the pull model.
 */

type ContainerConfig = Pick<ServiceConfig, "command" | "entryPoint" | "workingDirectory" | "user" | "readonlyRootFilesystem" | "stopTimeout" | "healthCheck" | "dependsOn" | "versionConsistency">;

export function containerSettings(c: ContainerConfig): ContainerSettingsPlan {
  const dependsOn = Object.fromEntries(Object.entries(c.dependsOn).sort(([a], [b]) => byCodePoint(a, b)));
  return {
    ...(c.command ? { command: c.command } : {}),
    ...(c.entryPoint ? { entryPoint: c.entryPoint } : {}),
    ...(c.workingDirectory ? { workingDirectory: c.workingDirectory } : {}),
    ...(c.user ? { user: c.user } : {}),
    readonlyRootFilesystem: c.readonlyRootFilesystem,
    ...(c.stopTimeout !== undefined ? { stopTimeout: c.stopTimeout } : {}),
    ...(c.healthCheck ? { healthCheck: c.healthCheck } : {}),
    dependsOn,
    versionConsistency: c.versionConsistency,
  };
}

/** ECS Exec opens SSM Session Manager channels from the task, with the task role (ECS docs, "ECS Exec"). */
export const ECS_EXEC_ACTIONS = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"] as const;

function planTaskRole(name: string, service: ServiceConfig, trust: PolicyDocument, ctx: LocationContext): TaskRolePlan | undefined {
  const role = service.taskRole;
  if (!role) return undefined;
  if ("existingArn" in role) {
    // ECS Exec on a role pullguard does not manage: PG-EXEC-ROLE (core/rules/exec-role.ts) says so.
    return { mode: "existing", arn: role.existingArn };
  }
  // Within IAM's 64 characters by construction (core/locations/naming.ts shortens with a hash).
  const roleName = taskRoleName(ctx.project, ctx.stackName, name);
  const statements: PolicyStatement[] = role.statements.map((s, i) => ({
    Sid: s.sid ?? `Statement${i + 1}`,
    Effect: "Allow",
    Action: s.actions.length === 1 ? s.actions[0]! : [...s.actions],
    Resource: s.resources.length === 1 ? s.resources[0]! : [...s.resources],
  }));
  if (service.enableExecuteCommand) statements.push({ Sid: "EcsExec", Effect: "Allow", Action: [...ECS_EXEC_ACTIONS], Resource: "*" });
  return {
    mode: "create",
    name: roleName,
    trustPolicy: trust,
    ...(statements.length > 0 ? { policy: policyDocument(statements) } : {}),
    managedPolicyArns: [...role.managedPolicyArns].sort(),
  };
}

function planLoadBalancers(name: string, service: ServiceConfig): LoadBalancerPlan[] {
  // `service` is this Region's view: its target groups and listener rules are this Region's, and
  // core/locations/region-production.ts has refused any of another account or Region at its path.
  // Every load balancer as written, in config order: PG-LOAD-BALANCER-CONTAINER and -PORT
  // (core/rules/load-balancer-container.ts, load-balancer-port.ts) judge its container and port against the task's containers.
  return service.loadBalancers.map((lb) => ({
    targetGroupArn: lb.targetGroupArn,
    containerName: lb.container ?? name,
    containerPort: lb.port,
    ...(lb.advanced
      ? {
          advanced: {
            alternateTargetGroupArn: lb.advanced.alternateTargetGroupArn,
            productionListenerRule: lb.advanced.productionListenerRuleArn,
            ...(lb.advanced.testListenerRuleArn ? { testListenerRule: lb.advanced.testListenerRuleArn } : {}),
            roleArn: lb.advanced.roleArn,
          },
        }
      : {}),
  }));
}

/** app/<lb>/<id>/targetgroup/<tg>/<id>: the ALBRequestCountPerTarget resource label. */
export function albResourceLabel(loadBalancerArn: string, targetGroupArn: string): string {
  return `${loadBalancerArn.split(":loadbalancer/")[1]}/${targetGroupArn.split(":").slice(5).join(":")}`;
}

function planAutoscaling(name: string, service: ServiceConfig, ctx: LocationContext): AutoscalingPlan | undefined {
  const a = service.autoscaling;
  if (!a) return undefined;
  const clusterName = ctx.clusterName;
  const p = a.policy;
  const METRIC = { cpu: "ECSServiceAverageCPUUtilization", memory: "ECSServiceAverageMemoryUtilization", "alb-requests": "ALBRequestCountPerTarget" } as const;
  return {
    min: a.min,
    max: a.max,
    clusterName,
    resourceId: `service/${clusterName}/${name}`,
    policy:
      p.type === "target-tracking"
        ? {
            type: "target-tracking",
            predefinedMetric: METRIC[p.metric],
            ...(p.metric === "alb-requests" && p.loadBalancerArn && service.loadBalancers[0]
              ? { resourceLabel: albResourceLabel(p.loadBalancerArn, service.loadBalancers[0].targetGroupArn) }
              : {}),
            target: p.target,
            scaleOutCooldownSeconds: p.scaleOutCooldownSeconds,
            scaleInCooldownSeconds: p.scaleInCooldownSeconds,
          }
        : {
            type: "step",
            metricName: p.metric === "cpu" ? "CPUUtilization" : "MemoryUtilization",
            scaleOutAbove: p.scaleOutAbove,
            scaleInBelow: p.scaleInBelow,
            maxAdjustment: p.maxAdjustment,
            cooldownSeconds: p.cooldownSeconds,
            scaleOutAlarmName: scalingAlarmName(ctx.project, ctx.stackName, name, "out"),
            scaleInAlarmName: scalingAlarmName(ctx.project, ctx.stackName, name, "in"),
          },
  };
}

/** Bake times the rollout timing reads, with the ECS defaults for LINEAR and CANARY. */
function strategyTimes(service: ServiceConfig): Pick<DeploymentPlan, "bakeTimeMinutes" | "linear" | "canary"> {
  const d = service.deployment;
  return {
    bakeTimeMinutes: d.bakeTimeMinutes,
    ...(d.strategy === "LINEAR" ? { linear: d.linear ?? { stepPercent: 10, stepBakeTimeMinutes: 1 } } : {}),
    ...(d.strategy === "CANARY" ? { canary: d.canary ?? { percent: 10, bakeTimeMinutes: 5 } } : {}),
  };
}

function planDeployment(name: string, service: ServiceConfig, fleet: number, ctx: LocationContext): DeploymentPlan {
  const d = service.deployment;
  const pullFailureAlarm = planPullFailureAlarm(
    servicePullFailureRuleName(ctx.project, ctx.stackName, name),
    pullFailureAlarmName(ctx.project, ctx.stackName, name),
    ecsClusterArn(ctx.region, ctx.account, ctx.clusterName),
    name,
  );
  return {
    strategy: d.strategy,
    ...strategyTimes(service),
    lifecycleHooks: d.lifecycleHooks.map((h) => ({ targetArn: h.targetArn, roleArn: h.roleArn, stages: h.stages })),
    ...(d.alarms ? { alarms: { names: d.alarms.names, rollback: d.alarms.rollback } } : {}),
    pullFailureAlarm,
    // The configured rollback choice holds for the whole block: ECS has one rollback flag per service.
    rollbackAlarms: { names: [pullFailureAlarm.alarmName, ...(d.alarms?.names ?? [])], rollback: d.alarms?.rollback ?? true },
    circuitBreaker: planCircuitBreaker(service, fleet),
  };
}

/**
 * ROLLING and BLUE_GREEN get the circuit breaker: AWS's deployment failure detection page says it
 * supports both, and the API's "rolling update (ECS) deployment type" names the ECS deployment
 * controller, which runs every strategy (docs/aws-facts.md, "ECS"). LINEAR and CANARY pages name
 * alarms only. Threshold settings written in the config are recorded, not rendered, while the pinned
 * provider cannot render them: PG-CIRCUIT-BREAKER-SETTINGS (core/rules/circuit-breaker-settings.ts) refuses them.
 */
function planCircuitBreaker(service: ServiceConfig, fleet: number): CircuitBreakerPlan {
  const settings = service.deployment.circuitBreaker;
  const settingsWritten = settings !== undefined && (settings.threshold !== undefined || settings.resetOnHealthyTask !== undefined);
  const strategy = service.deployment.strategy;
  return {
    enabled: strategy === "ROLLING" || strategy === "BLUE_GREEN",
    threshold: DEFAULT_CIRCUIT_BREAKER_THRESHOLD,
    failures: circuitBreakerFailures(fleet, DEFAULT_CIRCUIT_BREAKER_THRESHOLD),
    resetOnHealthyTask: true,
    emitted: false,
    ...(settingsWritten ? { settingsWritten: true as const } : {}),
  };
}

type ProfileBase = PullProfileWithoutPercents;

function burst(cause: BurstPlan["cause"], profile: ProfileBase, tasks: number, ctx: LocationContext): BurstPlan {
  const assessment: ServiceAssessment = assessService(burstProfile(profile, tasks), ctx.quotas);
  return { cause, tasks, quotaBound: maxStartsWithinShare(profile, ctx.pullBudget.maxQuotaShare, ctx.quotas), assessment };
}

/** Bursts of every cause; `profile.desiredCount` is already the fleet (max under autoscaling). */
export function planStarts(service: ServiceConfig, profile: ProfileBase, percents: { minimumHealthyPercent: number; maximumPercent: number }, ctx: LocationContext): TaskStartsPlan {
  const fleet = profile.desiredCount;
  const strategy = service.deployment.strategy;
  const deployTasks = deploymentBurst(strategy, fleet, percents);
  const deployment = burst(strategy === "ROLLING" ? "deploy" : "strategy", profile, deployTasks, ctx);
  let scaleOut: TaskStartsPlan["scaleOut"];
  if (service.autoscaling) {
    const step = scaleOutStep(service.autoscaling);
    scaleOut = { ...burst("scale-out", profile, step, ctx), secondsMinToMax: scaleOutSeconds(service.autoscaling, step) };
  }
  const spot = (service.capacityProviderStrategy ?? []).map((s) => ({ provider: s.provider, base: s.base, weight: s.weight }));
  return {
    fleet,
    deployment,
    ...(scaleOut ? { scaleOut } : {}),
    timing: rolloutTiming(strategy, fleet, deployTasks, service.deployment.secondsPerWave, strategyTimes(service)),
    allowances: {
      azRebalancing: service.availabilityZoneRebalancing === "ENABLED" ? deploymentBurst("ROLLING", fleet, percents) : 0,
      spotInterruptions: tasksOnProvider(spot, fleet, "FARGATE_SPOT"),
    },
  };
}

export function planProduction(name: string, service: ServiceConfig, trust: PolicyDocument, starts: TaskStartsPlan, ctx: LocationContext): ProductionServicePlan {
  const taskRole = planTaskRole(name, service, trust, ctx);
  const autoscaling = planAutoscaling(name, service, ctx);
  const ec2Provider = capacityProviderName(ctx.project, ctx.stackName);
  return {
    cpuArchitecture: taskArchitecture(service, ctx),
    loadBalancers: planLoadBalancers(name, service),
    ...(taskRole ? { taskRole } : {}),
    ...(service.ephemeralStorageGiB !== undefined ? { ephemeralStorageGiB: service.ephemeralStorageGiB } : {}),
    ...(service.capacityProviderStrategy
      ? { capacityProviderStrategy: service.capacityProviderStrategy.map((s) => ({ capacityProvider: s.provider === "EC2" ? ec2Provider : s.provider, base: s.base, weight: s.weight })) }
      : {}),
    ...(service.platformVersion ? { platformVersion: service.platformVersion } : {}),
    enableExecuteCommand: service.enableExecuteCommand,
    availabilityZoneRebalancing: service.availabilityZoneRebalancing,
    ...(autoscaling ? { autoscaling } : {}),
    deployment: planDeployment(name, service, starts.fleet, ctx),
    starts,
  };
}
