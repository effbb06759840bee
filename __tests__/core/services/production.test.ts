/**
 * The production service shape as the planner resolves it (no cdktf): every new way tasks start
 * priced and refused with the setting that fits, and task roles as data (bad input:
 * service-validation.test.ts). Figures are hand-computed from aws-facts.md (see __tests__/core/budget/task-starts.test.ts).
 */
import type { PolicyDocument } from "../../../core/model/policy-types";
import { isAllowed } from "../../../core/iam/evaluation";
import type { PlatformPlan, ServicePlan } from "../../../core/model/plan-types";
import { planValid, SERVICE_ACCOUNT, singleEnvironment } from "../../helpers/service-config";


const A = SERVICE_ACCOUNT;
const IMAGE = `${A}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`;
const TG = `arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/api/0123456789abcdef`;
const TG_GREEN = `arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/api-green/0123456789abcdef`;
const RULE = `arn:aws:elasticloadbalancing:us-east-1:${A}:listener-rule/app/web/0123456789abcdef/0123456789abcdef/0123456789abcdef`;
const ROLE = `arn:aws:iam::${A}:role/ecs-infrastructure`;
const ADVANCED = { alternateTargetGroupArn: TG_GREEN, productionListenerRuleArn: RULE, roleArn: ROLE };

const input = singleEnvironment;

const plan = planValid;

const service = (p: PlatformPlan, name = "api"): ServicePlan => p.environments[0]!.services.find((s) => s.name === name)!;
const findingsOf = (p: PlatformPlan, rule: string) => p.findings.filter((f) => f.rule === rule).map((f) => `${f.level} ${f.path}: ${f.message}`);

/** 20 layers: 20 GetDownloadUrlForLayer calls per Fargate task; 1500 of 3000 allowed -> 75 tasks at once. */
const heavy = { image: IMAGE, imageLayers: 20, port: 8080 } as const;

describe("blue/green, linear and canary start the whole green fleet", () => {
  test("BLUE_GREEN with 200 tasks is refused with what fits: 75 tasks, a 4000/s quota, or ROLLING", () => {
    const p = plan(
      input({ api: { ...heavy, desiredCount: 200, loadBalancers: [{ targetGroupArn: TG, port: 8080, advanced: ADVANCED }], deployment: { strategy: "BLUE_GREEN", alarms: { names: ["api-5xx"] } } } }),
    );
    expect(findingsOf(p, "PG-STRATEGY-BURST")).toEqual([
      "error environments.prod.services.api.deployment.strategy: api: BLUE_GREEN starts the whole green fleet of 200 tasks at once: " +
        "2000 GetDownloadUrlForLayer calls in the peak second is 66.7% of the 3000/s first-second capacity, above the 50% allowed (a quota of 4000/s would fit: L-A60A366D). " +
        "What fits: a fleet of at most 75 tasks (desiredCount, or autoscaling.max), the raised quota, or strategy ROLLING (minimumHealthyPercent 100 / maximumPercent 112: 24 tasks at once)",
    ]);
    // The rolling advice of PG-ECR-QUOTA does not apply to a green fleet.
    expect(findingsOf(p, "PG-ECR-QUOTA")).toEqual([]);
    const api = service(p);
    expect(api.production.starts.deployment).toMatchObject({ cause: "strategy", tasks: 200, quotaBound: 75 });
    expect(api.production.deployment).toMatchObject({
      strategy: "BLUE_GREEN",
      // AWS's deployment failure detection page: the circuit breaker supports rolling and blue/green.
      circuitBreaker: { enabled: true, threshold: { type: "BOUNDED_PERCENT", value: 50 }, failures: 100, resetOnHealthyTask: true, emitted: false },
      alarms: { names: ["api-5xx"], rollback: true },
      rollbackAlarms: { names: ["pullguard--prod--api-pull-failures", "api-5xx"], rollback: true },
    });
  });

  test("CANARY with 75 tasks fits exactly (1500 calls, 50%) and takes 120 s + 5 min bake + 5 min canary", () => {
    const p = plan(
      input({ api: { ...heavy, desiredCount: 75, loadBalancers: [{ targetGroupArn: TG, port: 8080, advanced: ADVANCED }], deployment: { strategy: "CANARY", canary: {}, alarms: { names: ["api-5xx"] } } } }),
    );
    expect(p.findings.filter((f) => f.level === "error")).toEqual([]);
    expect(service(p).production.starts.timing.seconds).toBe(720);
    expect(service(p).assessment.quotaUse.find((u) => u.api === "GetDownloadUrlForLayer")!.peakCallsPerSecond).toBe(1500);
  });

  test("without rollback alarms of its own a non-rolling deployment gets a warning: only failed pulls roll it back", () => {
    const p = plan(input({ api: { ...heavy, desiredCount: 4, loadBalancers: [{ targetGroupArn: TG, port: 8080, advanced: ADVANCED }], deployment: { strategy: "LINEAR" } } }));
    expect(findingsOf(p, "PG-ROLLBACK-ALARMS")).toEqual([
      "warning environments.prod.services.api.deployment.alarms: api: LINEAR deployments roll back on pullguard's pull-failure alarm pullguard--prod--api-pull-failures only; name CloudWatch alarms on the service's traffic with rollback true so a green fleet that pulls but fails rolls back too",
    ]);
  });
});

describe("autoscaling: the scale-out step is a burst, and the budget is checked at max", () => {
  test("target tracking from 10 to 150 may start 140 tasks in one step: refused, with the step policy and the max that fit", () => {
    const p = plan(input({ api: { ...heavy, desiredCount: 10, autoscaling: { min: 10, max: 150, policy: { type: "target-tracking", metric: "cpu", target: 60 } } } }));
    expect(findingsOf(p, "PG-SCALE-OUT-BURST")).toEqual([
      "error environments.prod.services.api.autoscaling.policy: api: one scale-out step starts 140 tasks at once: " +
        "2000 GetDownloadUrlForLayer calls in the peak second is 66.7% of the 3000/s first-second capacity, above the 50% allowed (a quota of 4000/s would fit: L-A60A366D); " +
        "target tracking can ask for max - min = 140 tasks in one step; use a step policy with maxAdjustment 75, or lower max to 85",
    ]);
  });

  test("step scaling: maxAdjustment 76 is refused (lower it to 75), 75 fits and reaches max in 2 steps, 60 s apart", () => {
    const step = (maxAdjustment: number) =>
      plan(input({ api: { ...heavy, desiredCount: 10, autoscaling: { min: 10, max: 150, policy: { type: "step", metric: "cpu", scaleOutAbove: 70, scaleInBelow: 30, maxAdjustment } } } }));
    // 76 tasks x 20 layers = 1520 calls: 50.7% of 3000; a quota of 1520 / 0.5 = 3040/s would fit.
    expect(findingsOf(step(76), "PG-SCALE-OUT-BURST")).toEqual([
      "error environments.prod.services.api.autoscaling.policy.maxAdjustment: api: one scale-out step starts 76 tasks at once: " +
        "1520 GetDownloadUrlForLayer calls in the peak second is 50.7% of the 3000/s first-second capacity, above the 50% allowed (a quota of 3040/s would fit: L-A60A366D); lower maxAdjustment to 75",
    ]);
    const fits = step(75);
    expect(fits.findings.filter((f) => f.level === "error")).toEqual([]);
    expect(service(fits).production.starts.scaleOut).toMatchObject({ tasks: 75, secondsMinToMax: 60 });
  });

  test("rollout percents are planned for max (60 tasks: 100/142, 25 at once), not for desiredCount 4", () => {
    const api = service(plan(input({ api: { image: IMAGE, desiredCount: 4, autoscaling: { min: 2, max: 60, policy: { type: "target-tracking", metric: "memory", target: 70 } } } })));
    expect(api.desiredCount).toBe(4);
    expect(api.production.starts.fleet).toBe(60);
    expect(api.rollout).toMatchObject({ minimumHealthyPercent: 100, maximumPercent: 142, concurrentStarts: 25 });
    expect(api.production.autoscaling).toEqual({
      min: 2,
      max: 60,
      clusterName: "pullguard--prod",
      resourceId: "service/pullguard--prod/api",
      policy: { type: "target-tracking", predefinedMetric: "ECSServiceAverageMemoryUtilization", target: 70, scaleOutCooldownSeconds: 60, scaleInCooldownSeconds: 300 },
    });
  });

  test("an environment on an existing cluster scales its services in that cluster, not in the one pullguard would create", () => {
    const api = service(plan(input({ api: { image: IMAGE, desiredCount: 2, autoscaling: { min: 2, max: 4, policy: { type: "target-tracking", metric: "cpu", target: 60 } } } }, { existingClusterName: "legacy" })));
    expect(api.production.autoscaling).toMatchObject({ clusterName: "legacy", resourceId: "service/legacy/api" });
  });

  test("ALB requests per target: the resource label joins the load balancer and target group ARN suffixes", () => {
    const api = service(
      plan(
        input({
          api: {
            image: IMAGE,
            port: 8080,
            desiredCount: 2,
            loadBalancers: [{ targetGroupArn: TG, port: 8080 }],
            autoscaling: { min: 2, max: 8, policy: { type: "target-tracking", metric: "alb-requests", target: 500, loadBalancerArn: `arn:aws:elasticloadbalancing:us-east-1:${A}:loadbalancer/app/web/fedcba9876543210` } },
          },
        }),
      ),
    );
    expect(api.production.autoscaling!.policy).toMatchObject({ predefinedMetric: "ALBRequestCountPerTarget", resourceLabel: "app/web/fedcba9876543210/targetgroup/api/0123456789abcdef" });
  });
});

describe("task role, grace period, allowances", () => {
  test("a created task role: given statements, ECS Exec channels, managed policies, and the execution roles' trust conditions", () => {
    const p = plan(
      input({
        api: {
          image: IMAGE,
          desiredCount: 2,
          enableExecuteCommand: true,
          taskRole: { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::assets/*"] }], managedPolicyArns: ["arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"] },
        },
      }),
    );
    const role = service(p).production.taskRole;
    if (role?.mode !== "create") throw new Error("expected a created role");
    expect(role.name).toBe("pullguard--prod--api-task");
    expect(role.managedPolicyArns).toEqual(["arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"]);
    // The execution roles' confused-deputy conditions: ECS tasks of this account and Region only.
    expect(role.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": SERVICE_ACCOUNT }, ArnLike: { "aws:SourceArn": `arn:aws:ecs:us-east-1:${SERVICE_ACCOUNT}:*` } },
        },
      ],
    });
    const policy = role.policy as PolicyDocument;
    expect(isAllowed(policy, "s3:GetObject", "arn:aws:s3:::assets/logo.png")).toBe(true);
    expect(isAllowed(policy, "s3:PutObject", "arn:aws:s3:::assets/logo.png")).toBe(false);
    expect(isAllowed(policy, "ssmmessages:OpenDataChannel", "*")).toBe(true);
  });

  test("an existing task role with ECS Exec: a warning names the permissions pullguard cannot check", () => {
    const p = plan(input({ api: { image: IMAGE, desiredCount: 2, enableExecuteCommand: true, taskRole: { existingArn: `arn:aws:iam::${A}:role/api` } } }));
    expect(findingsOf(p, "PG-EXEC-ROLE")).toEqual([
      "warning environments.prod.services.api.taskRole.existingArn: ECS Exec needs ssmmessages:CreateControlChannel, ssmmessages:CreateDataChannel, ssmmessages:OpenControlChannel, ssmmessages:OpenDataChannel on this role; pullguard does not manage it",
    ]);
  });

  test("the grace period is planned only with a load balancer or a container health check", () => {
    const p = plan(
      input({
        bare: { image: IMAGE, desiredCount: 1 },
        checked: { image: IMAGE, desiredCount: 1, healthCheck: { command: ["CMD", "/bin/health"] } },
        balanced: { image: IMAGE, port: 8080, desiredCount: 1, loadBalancers: [{ targetGroupArn: TG, port: 8080 }], healthCheckGracePeriodSeconds: 30 },
      }),
    );
    expect(service(p, "bare").healthCheckGracePeriodSeconds).toBeUndefined();
    expect(service(p, "checked").healthCheckGracePeriodSeconds).toBe(60);
    expect(service(p, "balanced").healthCheckGracePeriodSeconds).toBe(30);
  });

  test("Spot and AZ rebalancing allowances: 135 of 200 tasks on Spot (20 base on Fargate, 3:1 after), one rolling wave of 24", () => {
    const p = plan(
      input({
        worker: {
          image: IMAGE,
          desiredCount: 200,
          capacityProviderStrategy: [
            { provider: "FARGATE", base: 20, weight: 1 },
            { provider: "FARGATE_SPOT", weight: 3 },
          ],
        },
      }),
    );
    expect(service(p, "worker").production.starts.allowances).toEqual({ azRebalancing: 24, spotInterruptions: 135 });
    expect(service(p, "worker").production.capacityProviderStrategy).toEqual([
      { capacityProvider: "FARGATE", base: 20, weight: 1 },
      { capacityProvider: "FARGATE_SPOT", base: 0, weight: 3 },
    ]);
  });
});
