import { instanceArchitecture, ECS_OPTIMIZED_AMI_PARAMETER } from "../../../facts/ec2-architecture";
import { assessService, maxStartsWithinShare, type ServicePullProfile } from "../../../core/budget";
import { burstProfile, deploymentBurst, fleetSize, rolloutTiming, scaleOutSeconds, scaleOutStep, tasksOnProvider } from "../../../core/budget/task-starts";

/**
 * Every way tasks start, with hand-computed figures (aws-facts.md: one pull = 1 GetAuthorizationToken
 * per task, 1 BatchGetImage per image, 1 GetDownloadUrlForLayer per layer; Fargate launches at most
 * 100 tasks in the first second; quotas 500 / 2,000 / 3,000 per second).
 */
const base: Omit<ServicePullProfile, "minimumHealthyPercent" | "maximumPercent"> = {
  stack: "prod",
  service: "api",
  desiredCount: 200,
  launchType: "FARGATE",
  natPublicIps: 1,
  images: [{ source: "ecr", layers: 20, registryPath: "111111111111.dkr.ecr.us-east-1.amazonaws.com/api:1" }],
};

function shares(tasks: number, profile = base) {
  const a = assessService(burstProfile(profile, tasks));
  return Object.fromEntries(a.quotaUse.map((u) => [u.api, [u.peakCallsPerSecond, Math.round(u.share * 1000) / 1000]]));
}

describe("blue/green burst: the whole green fleet at once", () => {
  test("200 Fargate tasks, 20 layers: 100 launch in the first second -> 100 GAT, 100 BGI, 2000 GDUFL (66.7%: refused at 50%)", () => {
    expect(deploymentBurst("BLUE_GREEN", 200, { minimumHealthyPercent: 100, maximumPercent: 200 })).toBe(200);
    expect(shares(200)).toEqual({
      GetAuthorizationToken: [100, 0.2],
      BatchGetImage: [100, 0.05],
      GetDownloadUrlForLayer: [2000, 0.667],
      BatchCheckLayerAvailability: [0, 0],
    });
    // 1500 of 3000 GDUFL calls at 20 per task: 75 tasks fit.
    expect(maxStartsWithinShare(base, 0.5)).toBe(75);
    expect(shares(75).GetDownloadUrlForLayer).toEqual([1500, 0.5]);
  });

  test("EC2 with ECS_IMAGE_PULL_BEHAVIOR=once: 30 green tasks on 6 instances pull once per instance -> 6 GAT, 6 BGI, 120 GDUFL", () => {
    const ec2 = { ...base, launchType: "EC2" as const, pullBehavior: "once" as const, instanceCount: 6 };
    expect(shares(30, ec2)).toEqual({
      GetAuthorizationToken: [6, 0.012],
      BatchGetImage: [6, 0.003],
      GetDownloadUrlForLayer: [120, 0.04],
      BatchCheckLayerAvailability: [0, 0],
    });
  });
});

describe("canary and linear", () => {
  test("CANARY also starts the whole green fleet: 40 tasks of 10 layers -> 40 GAT (8%), 40 BGI (2%), 400 GDUFL (13.3%)", () => {
    const ten = { ...base, images: [{ source: "ecr" as const, layers: 10, registryPath: "x" }] };
    expect(deploymentBurst("CANARY", 40, { minimumHealthyPercent: 100, maximumPercent: 150 })).toBe(40);
    expect(shares(40, ten)).toEqual({
      GetAuthorizationToken: [40, 0.08],
      BatchGetImage: [40, 0.02],
      GetDownloadUrlForLayer: [400, 0.133],
      BatchCheckLayerAvailability: [0, 0],
    });
  });

  test("rollout time: canary 120 s + (5 min bake + 5 min canary) = 720 s; linear 10% steps of 1 min + 5 min bake = 120 + 900 = 1020 s", () => {
    expect(rolloutTiming("CANARY", 40, 40, 120, { bakeTimeMinutes: 5, canary: { percent: 10, bakeTimeMinutes: 5 } })).toEqual({ waves: 1, secondsPerWave: 120, bakeSeconds: 600, seconds: 720 });
    expect(rolloutTiming("LINEAR", 40, 40, 120, { bakeTimeMinutes: 5, linear: { stepPercent: 10, stepBakeTimeMinutes: 1 } })).toEqual({ waves: 1, secondsPerWave: 120, bakeSeconds: 900, seconds: 1020 });
    expect(rolloutTiming("BLUE_GREEN", 40, 40, 90, { bakeTimeMinutes: 0 })).toEqual({ waves: 1, secondsPerWave: 90, bakeSeconds: 0, seconds: 90 });
  });

  test("rolling: waves = ceil(fleet / starts); 200 tasks at 24 per wave = 9 waves of 120 s; no starts never finishes", () => {
    expect(deploymentBurst("ROLLING", 200, { minimumHealthyPercent: 100, maximumPercent: 112 })).toBe(24);
    expect(rolloutTiming("ROLLING", 200, 24, 120, { bakeTimeMinutes: 5 })).toEqual({ waves: 9, secondsPerWave: 120, bakeSeconds: 0, seconds: 1080 });
    expect(rolloutTiming("ROLLING", 2, 0, 120, { bakeTimeMinutes: 5 }).seconds).toBeNull();
  });
});

describe("scale-out burst", () => {
  const tracking = { min: 10, max: 150, policy: { type: "target-tracking" as const, scaleOutCooldownSeconds: 60 } };
  test("target tracking may ask for max - min = 140 tasks in one step: 100 launch in the first second -> 2000 GDUFL, 66.7%", () => {
    expect(scaleOutStep(tracking)).toBe(140);
    expect(shares(140).GetDownloadUrlForLayer).toEqual([2000, 0.667]);
    expect(scaleOutSeconds(tracking, 140)).toBe(0);
  });

  test("step scaling bounded at 75 tasks: 1500 GDUFL (50%, fits); min to max takes ceil(140/75) = 2 steps, one cooldown (60 s) apart", () => {
    const step = { min: 10, max: 150, policy: { type: "step" as const, maxAdjustment: 75, cooldownSeconds: 60 } };
    expect(scaleOutStep(step)).toBe(75);
    expect(shares(75).GetDownloadUrlForLayer).toEqual([1500, 0.5]);
    expect(scaleOutSeconds(step, 75)).toBe(60);
    // Steps of 10: ceil(140 / 10) = 14 steps, 13 cooldowns of 60 s between them = 780 s.
    expect(scaleOutSeconds({ ...step, policy: { ...step.policy, maxAdjustment: 10 } }, 10)).toBe(780);
  });

  test("the budget is checked at max, not desiredCount", () => {
    expect(fleetSize(4, { max: 20 })).toBe(20);
    expect(fleetSize(4)).toBe(4);
  });
});

describe("allowances and capacity", () => {
  test("Fargate Spot tasks of a fleet: base first, then by weight, rounded up", () => {
    const strategy = [
      { provider: "FARGATE", base: 20, weight: 1 },
      { provider: "FARGATE_SPOT", base: 0, weight: 3 },
    ];
    // 200 - 20 = 180 beyond the base, 3/4 of it on Spot.
    expect(tasksOnProvider(strategy, 200, "FARGATE_SPOT")).toBe(135);
    expect(tasksOnProvider(strategy, 200, "FARGATE")).toBe(65);
    expect(tasksOnProvider(strategy, 10, "FARGATE_SPOT")).toBe(0);
    expect(tasksOnProvider([{ provider: "FARGATE_SPOT", base: 2, weight: 1 }], 5, "FARGATE_SPOT")).toBe(5);
  });

  test.each([
    ["c7g.large", "ARM64"],
    ["m7g.xlarge", "ARM64"],
    ["t4g.small", "ARM64"],
    ["c6gn.2xlarge", "ARM64"],
    ["r8g.large", "ARM64"],
    ["x2gd.large", "ARM64"],
    ["im4gn.large", "ARM64"],
    ["g5g.xlarge", "ARM64"],
    ["a1.medium", "ARM64"],
    ["m6i.large", "X86_64"],
    ["c7a.large", "X86_64"],
    ["g4dn.xlarge", "X86_64"],
    ["g5.xlarge", "X86_64"],
    ["t3.micro", "X86_64"],
    ["r7iz.large", "X86_64"],
  ])("%s is %s", (type, architecture) => {
    expect(instanceArchitecture(type)).toBe(architecture);
  });

  test("the ECS-optimized AL2023 AMI parameter per architecture", () => {
    expect(ECS_OPTIMIZED_AMI_PARAMETER).toEqual({
      X86_64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id",
      ARM64: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
    });
  });
});
