import { z } from "zod";
import { arnString, defaultedFromFields, iamRoleArn } from "./primitives";

/**
 * The production shape of a service: load balancers, health checks, task role, container basics,
 * capacity, runtime platform, autoscaling and ECS deployment strategies. Spread into the service
 * and container objects of config/service-task-schema.ts; every default is applied here, next to its field.
 */

const containerName = z.string().regex(/^[a-z][a-z0-9-]*$/, "must be a container name of the task (the service name or a sidecar name)");

export const targetGroupArn = arnString(String.raw`elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}`, "must be an ELB target group ARN");

const listenerRuleArn = arnString(
  String.raw`elasticloadbalancing:[a-z0-9-]+:\d{12}:listener-rule\/(app|net)\/[A-Za-z0-9-]+\/[0-9a-f]+\/[0-9a-f]+\/[0-9a-f]+`,
  "must be an ELB listener rule ARN",
);

const loadBalancerArn = arnString(String.raw`elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}`, "must be an Application Load Balancer ARN");

const lambdaArn = arnString(String.raw`lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?`, "must be a Lambda function ARN");

const loadBalancer = z.strictObject({
  targetGroupArn: targetGroupArn.describe("Existing target group (target type ip: tasks use awsvpc)."),
  container: containerName.optional().describe("Container the target group sends traffic to. Default: the service's main container."),
  port: z.number().int().min(1).max(65535).describe("Container port; it must be the `port` of that container."),
  advanced: z
    .strictObject({
      alternateTargetGroupArn: targetGroupArn.describe("Target group of the green fleet."),
      productionListenerRuleArn: listenerRuleArn.describe("Listener rule that carries production traffic."),
      testListenerRuleArn: listenerRuleArn.optional().describe("Listener rule for test traffic to green. Default: none."),
      roleArn: iamRoleArn.describe("Role ECS assumes to move the listener rules (ECS infrastructure role for load balancers)."),
    })
    .optional()
    .describe("`advanced_configuration`, required by BLUE_GREEN, LINEAR and CANARY deployments."),
});

/**
 * The Region-bound values of one load balancer: target groups and listener rules live in one
 * Region (aws-facts.md), so a multi-Region environment gives each Region its own. The entry at index
 * i of `regions.<region>.services.<name>.loadBalancers` is the service's `loadBalancers[i]` in that
 * Region; container and port are not Region-bound and stay the service's.
 */
const regionLoadBalancer = z.strictObject({
  targetGroupArn: targetGroupArn.describe("This Region's target group for the service's load balancer at the same index."),
  advanced: z
    .strictObject({
      alternateTargetGroupArn: targetGroupArn.optional().describe("This Region's green target group. Default: the service's."),
      productionListenerRuleArn: listenerRuleArn.optional().describe("This Region's production listener rule. Default: the service's."),
      testListenerRuleArn: listenerRuleArn.optional().describe("This Region's test listener rule. Default: the service's, if any."),
      roleArn: iamRoleArn.optional().describe("Role ECS assumes to move this Region's listener rules. Default: the service's (IAM roles are global)."),
    })
    .optional()
    .describe("This Region's `advanced_configuration` values; each absent one is the service's (which must have `advanced`)."),
});

export const containerHealthCheck = z
  .strictObject({
    command: z
      .array(z.string().min(1))
      .min(2, "must be [\"CMD\", ...] or [\"CMD-SHELL\", \"<shell command>\"]")
      .refine((c) => c[0] === "CMD" || c[0] === "CMD-SHELL", "must start with CMD or CMD-SHELL"),
    intervalSeconds: z.number().int().min(5).max(300).default(30).describe("Default 30 (ECS default)."),
    timeoutSeconds: z.number().int().min(2).max(60).default(5).describe("Default 5 (ECS default)."),
    retries: z.number().int().min(1).max(10).default(3).describe("Default 3 (ECS default)."),
    startPeriodSeconds: z.number().int().min(0).max(300).default(0).describe("Failures during this grace time do not count. Default 0."),
  })
  .superRefine((h, ctx) => {
    if (h.timeoutSeconds >= h.intervalSeconds) ctx.addIssue({ code: "custom", path: ["timeoutSeconds"], message: "must be shorter than intervalSeconds" });
  })
  .describe("Container health check (Docker HEALTHCHECK semantics).");

/** Fields every container has (main container and sidecars). */
export const containerBasics = {
  command: z.array(z.string()).min(1).optional().describe("Overrides the image's CMD. Default: the image's."),
  entryPoint: z.array(z.string()).min(1).optional().describe("Overrides the image's ENTRYPOINT. Default: the image's."),
  workingDirectory: z.string().regex(/^\//, "must be an absolute path").optional().describe("Default: the image's WORKDIR."),
  user: z.string().regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, "must be user, uid, user:group or uid:gid").optional().describe("Default: the image's USER."),
  readonlyRootFilesystem: z.boolean().default(false).describe("Mount the root filesystem read-only. Default false."),
  stopTimeout: z.number().int().min(2).max(120).optional().describe("Seconds between SIGTERM and SIGKILL (Fargate allows up to 120). Default 30 (ECS)."),
  healthCheck: containerHealthCheck.optional(),
  dependsOn: z
    .record(containerName, z.enum(["START", "COMPLETE", "SUCCESS", "HEALTHY"]))
    .default({})
    .describe("Containers of the same task this one waits for, with the condition (HEALTHY needs that container's healthCheck). Default none."),
  versionConsistency: z
    .enum(["enabled", "disabled"])
    .default("enabled")
    .describe("ECS resolves the tag to a digest once per deployment so every task runs the same image. Default enabled; disabled re-resolves the tag per task."),
};

const policyStatement = z.strictObject({
  sid: z.string().regex(/^[A-Za-z0-9]+$/, "must be letters and digits").optional(),
  actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, "must be service:Action")).min(1),
  resources: z.array(z.string().min(1)).min(1),
});

const taskRole = z
  .union([
    z.strictObject({ existingArn: iamRoleArn.describe("A role you manage; it must trust ecs-tasks.amazonaws.com.") }),
    z.strictObject({
      statements: z.array(policyStatement).default([]).describe("Allow statements of the role's inline policy. Default none."),
      managedPolicyArns: z
        .array(arnString(String.raw`iam::(aws|\d{12}):policy\/[A-Za-z0-9+=,.@_/-]+`, "must be an IAM policy ARN"))
        .default([])
        .describe("Managed policies attached to the role. Default none."),
    }),
  ])
  .describe("The task's own AWS credentials: `{ existingArn }`, or a role pullguard creates (same confused-deputy trust conditions as execution roles).");

const capacityProviderItem = z.strictObject({
  provider: z.enum(["FARGATE", "FARGATE_SPOT", "EC2"]).describe("EC2 is the environment's own EC2 capacity provider."),
  base: z.number().int().min(0).max(100000).default(0).describe("Tasks placed here first. Default 0."),
  weight: z.number().int().min(0).max(1000).default(1).describe("Share of the tasks beyond the bases. Default 1."),
});

const metricTarget = z.enum(["cpu", "memory", "alb-requests"]);

const autoscaling = z
  .strictObject({
    min: z.number().int().min(0).max(5000).describe("Fewest tasks."),
    max: z.number().int().min(1).max(5000).describe("Most tasks. The pull budget is checked at max, not at desiredCount."),
    policy: z.discriminatedUnion("type", [
      z.strictObject({
        type: z.literal("target-tracking"),
        metric: metricTarget.describe("cpu or memory utilization (%), or ALB requests per target."),
        target: z.number().positive().describe("Target value: percent for cpu/memory, requests per target for alb-requests."),
        loadBalancerArn: loadBalancerArn.optional().describe("alb-requests only: the ALB in front of the service's first target group."),
        scaleOutCooldownSeconds: z.number().int().min(0).max(3600).default(60).describe("Default 60."),
        scaleInCooldownSeconds: z.number().int().min(0).max(3600).default(300).describe("Default 300."),
      }),
      z.strictObject({
        type: z.literal("step"),
        metric: z.enum(["cpu", "memory"]),
        scaleOutAbove: z.number().min(1).max(100).describe("Utilization (%) above which one step adds tasks."),
        scaleInBelow: z.number().min(0).max(99).describe("Utilization (%) below which one task is removed."),
        maxAdjustment: z.number().int().min(1).max(5000).describe("Tasks one scale-out step adds: the scale-out burst, bounded."),
        cooldownSeconds: z.number().int().min(0).max(3600).default(60).describe("Default 60."),
      }),
    ]),
  })
  .superRefine((a, ctx) => {
    if (a.max < a.min) ctx.addIssue({ code: "custom", path: ["max"], message: "must be at least min" });
    const p = a.policy;
    if (p.type === "target-tracking" && p.metric === "alb-requests" && !p.loadBalancerArn) {
      ctx.addIssue({ code: "custom", path: ["policy", "loadBalancerArn"], message: "is required for alb-requests (the metric is per load balancer and target group)" });
    }
    if (p.type === "target-tracking" && p.metric !== "alb-requests" && p.target > 100) {
      ctx.addIssue({ code: "custom", path: ["policy", "target"], message: "must be a percentage (at most 100) for cpu and memory" });
    }
    if (p.type === "step" && p.scaleInBelow >= p.scaleOutAbove) {
      ctx.addIssue({ code: "custom", path: ["policy", "scaleInBelow"], message: "must be below scaleOutAbove" });
    }
  })
  .describe("Service auto scaling (Application Auto Scaling). Terraform ignores desired_count once it is on.");

const lifecycleHook = z.strictObject({
  targetArn: lambdaArn.describe("Lambda function ECS invokes at the stages."),
  roleArn: iamRoleArn.describe("Role ECS assumes to invoke it."),
  stages: z
    .array(z.enum(["RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"]))
    .min(1),
});

/** Deployment fields beyond the rolling percents (spread into `deployment` in config/service-task-schema.ts). */
export const deploymentStrategyFields = {
  strategy: z
    .enum(["ROLLING", "BLUE_GREEN", "LINEAR", "CANARY"])
    .default("ROLLING")
    .describe("ECS deployment strategy. Default ROLLING. BLUE_GREEN, LINEAR and CANARY start the whole green fleet at once and need a load balancer with `advanced`."),
  bakeTimeMinutes: z.number().int().min(0).max(1440).default(5).describe("BLUE_GREEN/LINEAR/CANARY: minutes blue stays up after the shift. Default 5."),
  linear: z
    .strictObject({
      stepPercent: z.number().min(3).max(100).default(10).describe("Traffic shifted per step. Default 10."),
      stepBakeTimeMinutes: z.number().int().min(0).max(1440).default(1).describe("Default 1."),
    })
    .optional()
    .describe("LINEAR only. Default 10% per step, 1 minute apart."),
  canary: z
    .strictObject({
      percent: z.number().min(0.1).max(100).default(10).describe("Traffic on green during the canary. Default 10."),
      bakeTimeMinutes: z.number().int().min(0).max(1440).default(5).describe("Default 5."),
    })
    .optional()
    .describe("CANARY only. Default 10% for 5 minutes."),
  lifecycleHooks: z.array(lifecycleHook).default([]).describe("Lambda hooks at deployment stages. Default none."),
  alarms: z
    .strictObject({
      names: z.array(z.string().min(1).max(255)).min(1),
      rollback: z.boolean().default(true).describe("Default true."),
    })
    .optional()
    .describe("Your CloudWatch alarms that fail (and roll back) a deployment, after pullguard's own pull-failure alarm. LINEAR and CANARY have no circuit breaker: name alarms on the service's traffic."),
  circuitBreaker: z
    .strictObject({
      threshold: z
        .strictObject({
          type: z.enum(["COUNT", "BOUNDED_PERCENT", "UNBOUNDED_PERCENT"]),
          value: z.number().int().min(1).max(10000),
        })
        .optional()
        .describe("Failed tasks that fail a deployment (ECS thresholdConfiguration). Default BOUNDED_PERCENT 50: half the fleet, at least 3, at most 200."),
      resetOnHealthyTask: z.boolean().optional().describe("Whether a healthy task resets the failure count (ECS resetOnHealthyTask). Default true."),
    })
    .optional()
    .describe("Circuit breaker settings (ECS, 2026-07). Refused while the pinned AWS provider (6.25.0) cannot set them; the pull-budget report shows the threshold ECS applies."),
  secondsPerWave: z
    .number()
    .int()
    .min(1)
    .max(3600)
    .default(120)
    .describe("Time one wave of starts takes (pull, start, health checks, deregistration), for the report's rollout duration. Default 120."),
};

/** Service fields (spread into the service object of config/service-task-schema.ts). */
export const productionServiceFields = {
  loadBalancers: z.array(loadBalancer).default([]).describe("Existing target groups the service registers its tasks in. Default none."),
  taskRole: taskRole.optional(),
  ephemeralStorageGiB: z.number().int().min(21).max(200).optional().describe("Fargate task storage. Default 20 GiB (Fargate)."),
  capacityProviderStrategy: z
    .array(capacityProviderItem)
    .min(1)
    .optional()
    .describe("Capacity providers instead of a launch type: FARGATE and FARGATE_SPOT for Fargate services, EC2 for EC2 services. Default: the launch type."),
  runtimePlatform: defaultedFromFields(
    z.strictObject({
      cpuArchitecture: z
        .enum(["X86_64", "ARM64"])
        .optional()
        .describe("Default: the architecture of the capacity the task runs on: the EC2 capacity's instance type for EC2 services (ARM64 on Graviton), X86_64 on Fargate."),
    }),
  ).describe("CPU architecture of the task (Linux). ARM64 runs on Graviton; the image must have an arm64 variant."),
  platformVersion: z.string().regex(/^(LATEST|\d+\.\d+\.\d+)$/, "must be LATEST or a version like 1.4.0").optional().describe("Fargate platform version. Default LATEST."),
  enableExecuteCommand: z.boolean().default(false).describe("ECS Exec. Needs a task role; a created one gets the ssmmessages permissions. Default false."),
  availabilityZoneRebalancing: z
    .enum(["ENABLED", "DISABLED"])
    .default("ENABLED")
    .describe("ECS moves tasks to balance Availability Zones (starts tasks outside deployments). Default ENABLED (the ECS default since 2025-06)."),
  autoscaling: autoscaling.optional(),
};

/** Region-bound production settings of one service in one Region (spread into `regions.<region>.services.<name>`). */
export const regionProductionFields = {
  loadBalancers: z
    .array(regionLoadBalancer)
    .min(1)
    .optional()
    .describe("This Region's target groups and listener rules, entry for entry with the service's `loadBalancers` (same count, same order). Default: the service's, which must then be in this Region."),
  deployment: z
    .strictObject({
      alarms: z
        .strictObject({ names: z.array(z.string().min(1).max(255)).min(1).describe("CloudWatch alarms of this Region (alarms are Regional).") })
        .optional()
        .describe("This Region's deployment alarm names; `rollback` stays the service's. Default: the service's names."),
      lifecycleHooks: z.array(lifecycleHook).optional().describe("Replaces the service's lifecycle hooks in this Region (Lambda functions are Regional). Default: the service's."),
    })
    .optional()
    .describe("This Region's deployment alarms and lifecycle hooks."),
  autoscaling: z
    .strictObject({
      policy: z.strictObject({ loadBalancerArn: loadBalancerArn.describe("This Region's ALB for alb-requests target tracking.") }),
    })
    .optional()
    .describe("This Region's load balancer for `alb-requests` target tracking. Default: the service's."),
};

export type LoadBalancerConfig = z.output<typeof loadBalancer>;
export type ContainerHealthCheckConfig = z.output<typeof containerHealthCheck>;
export type TaskRoleConfig = z.output<typeof taskRole>;
export type AutoscalingConfig = z.output<typeof autoscaling>;
export type CapacityProviderItemConfig = z.output<typeof capacityProviderItem>;
