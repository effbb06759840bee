/**
 * The production service shape as Terraform JSON: what the embedded example and a few focused
 * configs render (load balancers, health checks, autoscaling, task roles, capacity, ARM64,
 * deployment strategies, Graviton capacity).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfigText } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import { singleEnvironment, type EnvironmentInput, type ServiceInput } from "../helpers/service-config";
import { resources, synthesize, type TfJson } from "../helpers/synth";

const A = "111111111111";
const example = synthesize();

function ecsService(stack: TfJson, name: string): TfJson {
  const found = resources(stack, "aws_ecs_service").find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

function taskDefinition(stack: TfJson, family: string): TfJson {
  const found = resources(stack, "aws_ecs_task_definition").find((t) => t.family === family);
  if (!found) throw new Error(`no task definition ${family}`);
  return found;
}

describe("embedded example", () => {
  const staging = example.json.staging!;

  test("staging/storefront: target group, grace period, ECS Exec, AZ rebalancing, desired_count left to autoscaling", () => {
    const s = ecsService(staging, "storefront");
    expect(s.load_balancer).toEqual([{ container_name: "storefront", container_port: 80, target_group_arn: `arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/staging-storefront/0a1b2c3d4e5f6071` }]);
    expect(s.health_check_grace_period_seconds).toBe(60);
    expect(s.enable_execute_command).toBe(true);
    expect(s.availability_zone_rebalancing).toBe("ENABLED");
    expect(s.lifecycle).toEqual({ ignore_changes: ["desired_count"] });
    expect(s.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
  });

  test("staging/storefront: container health check and read-only root filesystem in the container definition; a task role", () => {
    const td = taskDefinition(staging, "pullguard--staging--storefront");
    const [container] = JSON.parse(td.container_definitions) as TfJson[];
    expect(container!.healthCheck).toEqual({ command: ["CMD-SHELL", "curl -fsS http://localhost/ || exit 1"], interval: 30, timeout: 5, retries: 3, startPeriod: 10 });
    expect(container!.readonlyRootFilesystem).toBe(true);
    expect(td.task_role_arn).toMatch(/^\$\{aws_iam_role\..*\.arn\}$/);
    // X86_64 is ECS's assumption: no runtime_platform block, so upgrading pullguard replaces no task definition.
    expect(td.runtime_platform).toBeUndefined();
    const role = resources(staging, "aws_iam_role").find((r) => r.name === "pullguard--staging--storefront-task")!;
    expect(JSON.parse(role.assume_role_policy).Statement[0].Condition).toEqual({
      StringEquals: { "aws:SourceAccount": A },
      ArnLike: { "aws:SourceArn": `arn:aws:ecs:us-east-1:${A}:*` },
    });
    const policy = resources(staging, "aws_iam_role_policy").find((p) => p.name === "task")!;
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Sid: "Statement1", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::staging-storefront-assets/*" },
      { Sid: "EcsExec", Effect: "Allow", Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], Resource: "*" },
    ]);
  });

  test("staging/storefront: a scalable target 2-20 and CPU target tracking at 60%", () => {
    expect(resources(staging, "aws_appautoscaling_target")).toEqual([
      expect.objectContaining({ service_namespace: "ecs", scalable_dimension: "ecs:service:DesiredCount", resource_id: "service/pullguard--staging/storefront", min_capacity: 2, max_capacity: 20 }),
    ]);
    const [policy] = resources(staging, "aws_appautoscaling_policy");
    expect(policy!.policy_type).toBe("TargetTrackingScaling");
    expect(policy!.target_tracking_scaling_policy_configuration).toEqual({
      target_value: 60,
      scale_out_cooldown: 60,
      scale_in_cooldown: 300,
      predefined_metric_specification: { predefined_metric_type: "ECSServiceAverageCPUUtilization" },
    });
  });

  test("prod/worker runs on Fargate and Fargate Spot; the cluster has both providers attached", () => {
    const prod = example.json["prod-us-east-1"]!;
    expect(ecsService(prod, "worker").capacity_provider_strategy).toEqual([
      { capacity_provider: "FARGATE", base: 20, weight: 1 },
      { capacity_provider: "FARGATE_SPOT", weight: 3 },
    ]);
    expect(ecsService(prod, "worker").launch_type).toBeUndefined();
    expect(resources(prod, "aws_ecs_cluster_capacity_providers")[0]!.capacity_providers).toEqual(["FARGATE", "FARGATE_SPOT", expect.stringContaining("aws_ecs_capacity_provider")]);
  });

  test("dev/orders is ARM64; services with neither load balancer nor health check have no grace period", () => {
    expect(taskDefinition(example.json.dev!, "pullguard--dev--orders").runtime_platform).toEqual({ operating_system_family: "LINUX", cpu_architecture: "ARM64" });
    expect(resources(example.json.dev!, "aws_ecs_service").map((s) => [s.name, s.health_check_grace_period_seconds])).toEqual([
      ["orders", undefined],
      ["web", undefined],
    ]);
  });
});

const TG = `arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/api/0123456789abcdef`;
const TG_GREEN = `arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/api-green/0123456789abcdef`;
const RULE = `arn:aws:elasticloadbalancing:us-east-1:${A}:listener-rule/app/web/0123456789abcdef/0123456789abcdef/0123456789abcdef`;

function single(services: Record<string, ServiceInput>, env: Partial<EnvironmentInput> = {}): TfJson {
  return synthesize(singleEnvironment(services, env)).json.prod!;
}

describe("deployment strategies", () => {
  test("CANARY: deployment_configuration, advanced load balancer configuration, the pull-failure alarm and the configured ones roll back, no circuit breaker", () => {
    const stack = single({
      api: {
        image: `${A}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`,
        port: 8080,
        desiredCount: 6,
        loadBalancers: [{ targetGroupArn: TG, port: 8080, advanced: { alternateTargetGroupArn: TG_GREEN, productionListenerRuleArn: RULE, roleArn: `arn:aws:iam::${A}:role/ecs-lb` } }],
        deployment: {
          strategy: "CANARY",
          canary: { percent: 20, bakeTimeMinutes: 10 },
          alarms: { names: ["api-5xx", "api-latency"] },
          lifecycleHooks: [{ targetArn: `arn:aws:lambda:us-east-1:${A}:function:smoke-test`, roleArn: `arn:aws:iam::${A}:role/ecs-hooks`, stages: ["POST_TEST_TRAFFIC_SHIFT"] }],
        },
      },
    });
    const s = ecsService(stack, "api");
    expect(s.deployment_configuration).toEqual({
      strategy: "CANARY",
      bake_time_in_minutes: "5",
      canary_configuration: { canary_percent: 20, canary_bake_time_in_minutes: "10" },
      lifecycle_hook: [{ hook_target_arn: `arn:aws:lambda:us-east-1:${A}:function:smoke-test`, role_arn: `arn:aws:iam::${A}:role/ecs-hooks`, lifecycle_stages: ["POST_TEST_TRAFFIC_SHIFT"] }],
    });
    expect(s.deployment_circuit_breaker).toEqual({ enable: false, rollback: false });
    expect(s.alarms).toEqual({ alarm_names: ["pullguard--prod--api-pull-failures", "api-5xx", "api-latency"], enable: true, rollback: true });
    expect(s.load_balancer[0].advanced_configuration).toEqual({ alternate_target_group_arn: TG_GREEN, production_listener_rule: RULE, role_arn: `arn:aws:iam::${A}:role/ecs-lb` });
  });

  test("ROLLING keeps the plain service: no deployment_configuration; the circuit breaker and the pull-failure alarm roll back", () => {
    const s = ecsService(single({ api: { image: `${A}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`, desiredCount: 2 } }), "api");
    expect(s.deployment_configuration).toBeUndefined();
    expect(s.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(s.alarms).toEqual({ alarm_names: ["pullguard--prod--api-pull-failures"], enable: true, rollback: true });
  });
});

describe("container basics", () => {
  test("command, entry point, user, working directory, stop timeout, dependsOn and versionConsistency reach the container definitions", () => {
    const stack = single({
      api: {
        image: `${A}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`,
        desiredCount: 1,
        entryPoint: ["/bin/sh", "-c"],
        command: ["exec /app/server --port 8080"],
        user: "1000:1000",
        workingDirectory: "/app",
        stopTimeout: 60,
        ephemeralStorageGiB: 40,
        dependsOn: { migrate: "SUCCESS" },
        sidecars: { migrate: { image: `${A}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`, command: ["/app/migrate"], versionConsistency: "disabled" } },
      },
    });
    const td = taskDefinition(stack, "pullguard--prod--api");
    expect(td.ephemeral_storage).toEqual({ size_in_gib: 40 });
    const [api, migrate] = JSON.parse(td.container_definitions) as TfJson[];
    expect(api).toMatchObject({ entryPoint: ["/bin/sh", "-c"], command: ["exec /app/server --port 8080"], user: "1000:1000", workingDirectory: "/app", stopTimeout: 60, dependsOn: [{ containerName: "migrate", condition: "SUCCESS" }] });
    expect(api!.versionConsistency).toBeUndefined();
    expect(api!.readonlyRootFilesystem).toBeUndefined();
    expect(migrate).toMatchObject({ name: "migrate", command: ["/app/migrate"], versionConsistency: "disabled" });
    expect(migrate!.dependsOn).toBeUndefined();
  });
});

describe("bounded step scaling and Graviton capacity", () => {
  const loaded = parseConfigText(readFileSync(join(__dirname, "..", "..", "config", "examples", "graviton-ec2.yaml"), "utf8"), "graviton-ec2.yaml");
  if (!loaded.ok) throw new Error("graviton-ec2.yaml is invalid");
  const stack = synthesize(loaded.config as PlatformConfigInput).json.prod!;

  test("the launch template resolves the arm64 ECS-optimized AMI; the group mixes arm64 types only", () => {
    const [template] = resources(stack, "aws_launch_template");
    expect(template!.image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");
    const [group] = resources(stack, "aws_autoscaling_group");
    expect(group!.mixed_instances_policy.launch_template.override).toEqual([{ instance_type: "c7g.large" }, { instance_type: "m7g.large" }, { instance_type: "c6g.large" }]);
    expect(group!.launch_template).toBeUndefined();
  });

  test("step scaling: +3 tasks above 70% CPU, -1 below 30%, each on its own alarm", () => {
    const byName = (a: TfJson, b: TfJson) => (a[0] < b[0] ? -1 : 1);
    const policies = resources(stack, "aws_appautoscaling_policy").map((p) => [p.name, p.step_scaling_policy_configuration.step_adjustment]);
    expect(policies.sort(byName)).toEqual([
      ["api-scale-in", [{ metric_interval_upper_bound: "0", scaling_adjustment: -1 }]],
      ["api-scale-out", [{ metric_interval_lower_bound: "0", scaling_adjustment: 3 }]],
    ]);
    const alarms = resources(stack, "aws_cloudwatch_metric_alarm")
      .filter((a) => a.namespace === "AWS/ECS")
      .map((a) => [a.alarm_name, a.comparison_operator, a.threshold, a.dimensions]);
    expect(alarms.sort(byName)).toEqual([
      ["pullguard--prod--api-scale-in", "LessThanThreshold", 30, { ClusterName: "pullguard--prod", ServiceName: "api" }],
      ["pullguard--prod--api-scale-out", "GreaterThanThreshold", 70, { ClusterName: "pullguard--prod", ServiceName: "api" }],
    ]);
  });
});
