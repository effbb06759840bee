/**
 * Bad production-service input: every problem one line, named by its config path, from the schema
 * (cross-field rules in config/service-checks.ts) or the planner.
 */
import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import { planValid, SERVICE_ACCOUNT, singleEnvironment } from "../helpers/service-config";

const A = SERVICE_ACCOUNT;
const IMAGE = `${A}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`;
const TG = `arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/api/0123456789abcdef`;

const input = singleEnvironment;

const plan = planValid;

function problems(config: PlatformConfigInput): string[] {
  const result = parseConfig(config);
  if (result.ok) return [];
  return result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe("bad input: one line per problem, named by config path", () => {
  test("cross-field service rules", () => {
    expect(
      problems(
        input({
          api: {
            image: IMAGE,
            port: 8080,
            desiredCount: 1,
            runtimePlatform: { cpuArchitecture: "ARM64" },
            platformVersion: "1.3.0",
            enableExecuteCommand: true,
            loadBalancers: [{ targetGroupArn: TG, port: 9090 }],
            capacityProviderStrategy: [{ provider: "FARGATE_SPOT" }, { provider: "EC2" }],
            dependsOn: { sidecar: "HEALTHY" },
            sidecars: { sidecar: { image: IMAGE } },
            autoscaling: { min: 2, max: 4, policy: { type: "step", metric: "cpu", scaleOutAbove: 50, scaleInBelow: 60, maxAdjustment: 9 } },
            deployment: { strategy: "BLUE_GREEN", canary: {}, maximumPercent: 150 },
          },
        }),
      ),
    ).toEqual([
      "environments.prod.services.api.autoscaling.policy.scaleInBelow: must be below scaleOutAbove",
      "environments.prod.services.api.dependsOn.sidecar: HEALTHY needs a healthCheck on sidecar",
      "environments.prod.services.api.loadBalancers[0].port: must be the port of the main container (8080)",
      "environments.prod.services.api.capacityProviderStrategy[0].provider: FARGATE_SPOT runs ARM64 tasks on platform version 1.4.0 or later, not 1.3.0; use FARGATE or platformVersion 1.4.0 or LATEST",
      "environments.prod.services.api.capacityProviderStrategy[1].provider: EC2 does not run launchType FARGATE tasks (FARGATE and FARGATE_SPOT for FARGATE, EC2 for EC2)",
      "environments.prod.services.api.deployment.strategy: BLUE_GREEN needs a load balancer with `advanced` (alternate target group, production listener rule, role)",
      "environments.prod.services.api.deployment.strategy: BLUE_GREEN starts the whole green fleet; minimumHealthyPercent/maximumPercent apply to ROLLING only",
      "environments.prod.services.api.deployment.canary: applies to strategy CANARY only",
      "environments.prod.services.api.desiredCount: must be between autoscaling.min (2) and autoscaling.max (4): it is the count at creation",
      "environments.prod.services.api.autoscaling.policy.maxAdjustment: must be at most max - min (2)",
      "environments.prod.services.api.enableExecuteCommand: needs a taskRole (ECS Exec runs with the task role's ssmmessages permissions)",
    ]);
  });

  test("field rules: health check command, timeout, target group ARN, ephemeral storage on EC2", () => {
    expect(
      problems(
        input({
          api: {
            image: IMAGE,
            desiredCount: 1,
            launchType: "EC2",
            ephemeralStorageGiB: 50,
            healthCheck: { command: ["curl", "localhost"], intervalSeconds: 5, timeoutSeconds: 5 },
            loadBalancers: [{ targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x", port: 1 }],
          },
        }),
      ),
    ).toEqual([
      "environments.prod.services.api.healthCheck.command: must start with CMD or CMD-SHELL",
      "environments.prod.services.api.healthCheck.timeoutSeconds: must be shorter than intervalSeconds",
      "environments.prod.services.api.loadBalancers[0].targetGroupArn: must be an ELB target group ARN",
      "environments.prod.services.api.loadBalancers[0].port: must be the port of the main container (none declared)",
      "environments.prod.services.api.ephemeralStorageGiB: is for Fargate tasks; EC2 tasks use the instance's storage",
    ]);
  });

  test("Graviton capacity: mixed architectures and a mismatched AMI parameter are refused", () => {
    expect(
      problems(input({}, { ec2Capacity: { instanceType: "c7g.large", additionalInstanceTypes: ["m7g.large", "m6i.large"], amiSsmParameter: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id" } })),
    ).toEqual([
      "environments.prod.ec2Capacity.additionalInstanceTypes[1]: m6i.large is X86_64 but instanceType c7g.large is ARM64: one capacity runs one architecture (one AMI)",
      "environments.prod.ec2Capacity.amiSsmParameter: does not look like an ARM64 AMI parameter for c7g.large; omit it to get the matching ECS-optimized AMI",
    ]);
  });

  test("planner rules: a target group in another Region, an ARM64 EC2 service on x86 capacity, dependsOn an unknown container", () => {
    const p = plan(
      input({
        api: {
          image: IMAGE,
          port: 8080,
          desiredCount: 1,
          launchType: "EC2",
          runtimePlatform: { cpuArchitecture: "ARM64" },
          dependsOn: { migrations: "SUCCESS" },
          loadBalancers: [{ targetGroupArn: TG.replace("us-east-1", "eu-west-1"), port: 8080 }],
        },
      }),
    );
    // A dangling dependsOn no longer keeps the service out of the plan (a rule judges it), so the architecture rule sees it too.
    expect(p.findings.filter((f) => f.level === "error").map((f) => `${f.path}: ${f.message}`)).toEqual([
      'environments.prod.services.api.dependsOn.migrations: names "migrations", which is not a container of the task (api)',
      "environments.prod.services.api.loadBalancers[0].targetGroupArn: is in 111111111111/eu-west-1, but prod runs in 111111111111/us-east-1: ECS registers tasks only in a target group of its own account and Region",
      "environments.prod.services.api.runtimePlatform.cpuArchitecture: is ARM64, but the environment's EC2 capacity (ec2Capacity.instanceType m6i.large) is X86_64",
    ]);
    const self = plan(input({ api: { image: IMAGE, desiredCount: 1, dependsOn: { api: "START" } } }));
    expect(self.findings.filter((f) => f.level === "error").map((f) => `${f.path}: ${f.message}`)).toEqual(["environments.prod.services.api.dependsOn.api: must not name the container itself"]);
    const q = plan(input({ api: { image: IMAGE, port: 8080, desiredCount: 1, launchType: "EC2", runtimePlatform: { cpuArchitecture: "ARM64" }, loadBalancers: [{ targetGroupArn: TG.replace("us-east-1", "eu-west-1"), port: 8080 }] } }));
    expect(q.findings.filter((f) => f.level === "error").map((f) => `${f.path}: ${f.message}`)).toEqual([
      "environments.prod.services.api.loadBalancers[0].targetGroupArn: is in 111111111111/eu-west-1, but prod runs in 111111111111/us-east-1: ECS registers tasks only in a target group of its own account and Region",
      "environments.prod.services.api.runtimePlatform.cpuArchitecture: is ARM64, but the environment's EC2 capacity (ec2Capacity.instanceType m6i.large) is X86_64",
    ]);
  });
});
