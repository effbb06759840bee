import { fargateVcpu } from "../../core/rules/fargate-vcpu";
import { fargateVcpuAccount } from "../../core/rules/fargate-vcpu-account";
import { BLUE_GREEN_LOAD_BALANCER, findingsOf, OWN_IMAGE, platform, type ServiceInput } from "./rule-cases";

// The account's On-Demand quota set to 100 vCPU and Spot to 50 (pullBudget.fargate.quotas), share
// 0.8 (the default): 80 On-Demand vCPU and 40 Spot vCPU allowed. Tasks of 1024 units = 1 vCPU.
const quotas = { pullBudget: { fargate: { quotas: { "us-east-1": { onDemandVcpu: 100, spotVcpu: 50 } } } } };
const rolling = (desiredCount: number, more: Partial<ServiceInput> = {}): ServiceInput => ({
  image: OWN_IMAGE,
  cpu: 1024,
  memory: 2048,
  desiredCount,
  deployment: { minimumHealthyPercent: 100, maximumPercent: 200, maxConcurrentStarts: 50 },
  ...more,
});

describe("PG-FARGATE-VCPU (error)", () => {
  test("compliant: 40 tasks at 200% -> floor(40*200/100) = 80 tasks = 80 vCPU, exactly 80% of 100", () => {
    expect(findingsOf(platform({ web: rolling(40) }, {}, quotas), fargateVcpu)).toEqual([]);
  });

  test("non-compliant: 41 tasks at 200% -> 82 vCPU, 82% of 100; 197% gives floor(80.77) = 80, a fleet of 40 gives 80", () => {
    expect(findingsOf(platform({ web: rolling(41) }, {}, quotas), fargateVcpu)).toEqual([
      {
        level: "error",
        rule: "PG-FARGATE-VCPU",
        stack: "prod",
        path: "environments.prod.services.web.deployment",
        message:
          "web: at its peak in us-east-1, a rolling deployment at maximumPercent 200 of a fleet of 41, it runs 82 On-Demand tasks of 1 vCPU = 82 vCPU, 82% of the 100 vCPU Fargate On-Demand vCPU resource count (L-3032A538), " +
          "above the 80% allowed (a quota of 103 would fit). What fits: deployment.maximumPercent 197, or a fleet of at most 40 tasks (desiredCount, or autoscaling.max).",
      },
    ]);
  });

  // FARGATE base 2 weight 1, FARGATE_SPOT weight 3, 42 tasks: FARGATE 2 + ceil(40/4) = 12, Spot ceil(40*3/4) = 30.
  // At 200% the new deployment places its 42 the same way: Spot 30 + 30 = 60 tasks = 60 vCPU > 40.
  // 138%: floor(42*1.38) = 57, 15 new tasks, Spot ceil(13*3/4) = 10 -> 40. Fleet 28: Spot ceil(26*3/4) = 20, x2 = 40.
  const split = { capacityProviderStrategy: [{ provider: "FARGATE" as const, base: 2, weight: 1 }, { provider: "FARGATE_SPOT" as const, weight: 3 }] };

  test("compliant: the Spot quota at its default 4000, 60 Spot vCPU is 1.5%", () => {
    const top = { pullBudget: { fargate: { quotas: { "us-east-1": { onDemandVcpu: 100 } } } } };
    expect(findingsOf(platform({ web: rolling(42, split) }, {}, top), fargateVcpu)).toEqual([]);
  });

  test("non-compliant: the Spot share of a capacity provider strategy, 60 Spot vCPU against 40 allowed", () => {
    expect(findingsOf(platform({ web: rolling(42, split) }, {}, quotas), fargateVcpu)).toEqual([
      {
        level: "error",
        rule: "PG-FARGATE-VCPU",
        stack: "prod",
        path: "environments.prod.services.web.deployment",
        message:
          "web: at its peak in us-east-1, a rolling deployment at maximumPercent 200 of a fleet of 42, it runs 60 Spot tasks of 1 vCPU = 60 vCPU, 120% of the 50 vCPU Fargate Spot vCPU resource count (L-36FBB829), " +
          "above the 80% allowed (a quota of 75 would fit). What fits: deployment.maximumPercent 138, or a fleet of at most 28 tasks (desiredCount, or autoscaling.max).",
      },
    ]);
  });

  test("non-compliant: BLUE_GREEN keeps blue 41 + green 41 = 82 tasks during the bake; only a fleet of 40 (2 x 40 = 80) fits", () => {
    const blueGreen: ServiceInput = {
      image: OWN_IMAGE,
      cpu: 1024,
      memory: 2048,
      desiredCount: 41,
      port: 8080,
      loadBalancers: [BLUE_GREEN_LOAD_BALANCER],
      deployment: { strategy: "BLUE_GREEN", alarms: { names: ["web-5xx"] } },
    };
    expect(findingsOf(platform({ web: blueGreen }, {}, quotas), fargateVcpu)).toEqual([
      {
        level: "error",
        rule: "PG-FARGATE-VCPU",
        stack: "prod",
        path: "environments.prod.services.web.deployment.strategy",
        message:
          "web: at its peak in us-east-1, BLUE_GREEN keeping blue and green fleets of 41 during the bake, it runs 82 On-Demand tasks of 1 vCPU = 82 vCPU, 82% of the 100 vCPU Fargate On-Demand vCPU resource count (L-3032A538), " +
          "above the 80% allowed (a quota of 103 would fit). What fits: a fleet of at most 40 tasks (desiredCount, or autoscaling.max).",
      },
    ]);
  });

  test("EC2 services are not counted: 41 EC2 tasks at 200% raise nothing", () => {
    const ec2 = { ec2Capacity: { instanceType: "c7g.large", minSize: 1, maxSize: 1, desiredCapacity: 1 } };
    expect(findingsOf(platform({ web: rolling(41, { launchType: "EC2", cpu: 256, memory: 512 }) }, ec2, quotas), fargateVcpu)).toEqual([]);
  });
});

describe("PG-FARGATE-VCPU-ACCOUNT (error)", () => {
  test("compliant: a and b of 20 tasks at 200%: 40 + 40 = 80 vCPU, exactly 80%", () => {
    expect(findingsOf(platform({ a: rolling(20), b: rolling(20) }, {}, quotas), fargateVcpuAccount)).toEqual([]);
  });

  test("non-compliant: a 20 and b 21 tasks: 40 + 42 = 82 vCPU at once (41 running with no deployment)", () => {
    expect(findingsOf(platform({ a: rolling(20), b: rolling(21) }, {}, quotas), fargateVcpuAccount)).toEqual([
      {
        level: "error",
        rule: "PG-FARGATE-VCPU-ACCOUNT",
        stack: "registry-111111111111-us-east-1",
        path: "pullBudget.fargate.quotas.us-east-1.onDemandVcpu",
        message:
          "every Fargate service of 111111111111/us-east-1 at its deployment peak at once runs 82 vCPU, 82% of the 100 vCPU Fargate On-Demand vCPU resource count (L-3032A538), above the 80% allowed " +
          "(41 vCPU with no deployment running; a quota of 103 would fit). Largest peaks: prod/b 42, prod/a 40 vCPU",
      },
    ]);
  });

  test("hostile: a maxVcpuShare outside (0, 1] is a config error, not a crash", () => {
    expect(() => findingsOf(platform({ a: rolling(1) }, {}, { pullBudget: { fargate: { maxVcpuShare: 1.5 } } }), fargateVcpuAccount)).toThrow(/pullBudget\.fargate\.maxVcpuShare/);
    expect(() => findingsOf(platform({ a: rolling(1) }, {}, { pullBudget: { fargate: { quotas: { "us-east-1": { onDemandVcpu: -4 } } } } }), fargateVcpuAccount)).toThrow(/onDemandVcpu/);
  });
});
