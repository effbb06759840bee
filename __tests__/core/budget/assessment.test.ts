import { assessGroup, assessService, DEFAULT_ECR_QUOTAS, ECR_APIS, quotaBreaches, type EcrQuotas, type ServiceAssessment, type ServicePullProfile } from "../../../core/budget";
import { ecrImage, hubImage, passedSubjects, profile, use } from "../../helpers/pull-profiles";

describe("assessService: Fargate", () => {
  it("100-task rollout at 200/100 with one 10-layer ECR image", () => {
    const a = assessService(profile());
    expect(a.concurrentStarts).toBe(100);
    expect(a.firstSecondTasks).toBe(100);
    expect(a.demand).toEqual({
      GetAuthorizationToken: 100,
      BatchGetImage: 100,
      GetDownloadUrlForLayer: 1000,
      BatchCheckLayerAvailability: 0,
    });
    expect(use(a, "GetAuthorizationToken")).toEqual({
      api: "GetAuthorizationToken",
      peakCallsPerSecond: 100,
      capacity: 500,
      share: 0.2,
      quotaCode: "L-55A41110",
    });
    expect(use(a, "BatchGetImage").share).toBeCloseTo(0.05, 10);
    expect(use(a, "GetDownloadUrlForLayer").share).toBeCloseTo(1 / 3, 10);
    expect(use(a, "BatchCheckLayerAvailability")).toMatchObject({ peakCallsPerSecond: 0, share: 0, capacity: 1000 });
    expect(a.quotaUse.map((q) => q.api)).toEqual(ECR_APIS);
    expect(a.maxShare).toBeCloseTo(1 / 3, 10);
    expect(a.dockerHub).toEqual([]);
    expect(a.dockerHubMaxShare).toBe(0);
    expect(quotaBreaches(a, 0.5)).toEqual([]);
  });

  it("two 10-layer images: GetDownloadUrlForLayer 2000/3000 is past the limit at a 50% share", () => {
    const a = assessService(profile({ images: [ecrImage(), ecrImage(10, "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1")] }));
    expect(a.demand).toEqual({
      GetAuthorizationToken: 100,
      BatchGetImage: 200,
      GetDownloadUrlForLayer: 2000,
      BatchCheckLayerAvailability: 0,
    });
    expect(use(a, "GetDownloadUrlForLayer").share).toBeCloseTo(2 / 3, 10);
    const f = quotaBreaches(a, 0.5);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ passed: "limit", subject: "GetDownloadUrlForLayer", target: "shop/orders" });
  });

  it("caps the first second at the Fargate launch burst: 300 starts -> 100", () => {
    const a = assessService(profile({ desiredCount: 300 }));
    expect(a.concurrentStarts).toBe(300);
    expect(a.firstSecondTasks).toBe(100);
    expect(a.demand.GetAuthorizationToken).toBe(100);
    expect(a.demand.GetDownloadUrlForLayer).toBe(1000);
  });

  it("ignores pullBehavior and instanceCount on Fargate: every task pulls everything", () => {
    const a = assessService(profile({ pullBehavior: "once", instanceCount: 2 }));
    expect(a.demand.GetDownloadUrlForLayer).toBe(1000);
  });

  it("defaults to 10 layers per image", () => {
    const a = assessService(profile({ images: [{ source: "ecr", registryPath: "x" }] }));
    expect(a.demand.GetDownloadUrlForLayer).toBe(1000);
  });

  it("makes no ECR calls for images that do not come from ECR", () => {
    const a = assessService(profile({ images: [{ source: "other-direct", layers: 10, registryPath: "ghcr.io/x/y:1" }, hubImage("paid")] }));
    expect(a.demand).toEqual({ GetAuthorizationToken: 0, BatchGetImage: 0, GetDownloadUrlForLayer: 0, BatchCheckLayerAvailability: 0 });
    expect(a.maxShare).toBe(0);
  });

  it("percents that start no task: 0 starts, no calls (D=2 at 125/100: floor(2.5) - 2 = 0)", () => {
    const a = assessService(profile({ desiredCount: 2, maximumPercent: 125, minimumHealthyPercent: 100 }));
    expect([a.concurrentStarts, a.firstSecondTasks, a.maxShare]).toEqual([0, 0, 0]);
  });
});

describe("assessService: EC2 pull behaviour", () => {
  const ec2 = (pullBehavior: "default" | "always" | "once" | "prefer-cached" | undefined, instanceCount?: number): ServicePullProfile =>
    profile({
      launchType: "EC2",
      ...(pullBehavior ? { pullBehavior } : {}),
      ...(instanceCount !== undefined ? { instanceCount } : {}),
    });

  it.each(["once", "prefer-cached"] as const)("%s with 10 instances and 100 starts: 10 pulling tasks", (behavior) => {
    const a = assessService(ec2(behavior, 10));
    expect(a.concurrentStarts).toBe(100);
    expect(a.firstSecondTasks).toBe(100);
    expect(a.demand).toEqual({ GetAuthorizationToken: 10, BatchGetImage: 10, GetDownloadUrlForLayer: 100, BatchCheckLayerAvailability: 0 });
  });

  it.each(["default", "always", undefined] as const)("%s: every task authenticates and fetches manifests, layers once per instance", (behavior) => {
    const a = assessService(ec2(behavior, 10));
    expect(a.demand).toEqual({ GetAuthorizationToken: 100, BatchGetImage: 100, GetDownloadUrlForLayer: 100, BatchCheckLayerAvailability: 0 });
  });

  it("is not capped by the Fargate launch bucket: 300 EC2 starts pull in the same second", () => {
    const a = assessService(ec2("default", undefined));
    const big = assessService({ ...ec2("default", undefined), desiredCount: 300 });
    expect(a.firstSecondTasks).toBe(100);
    expect(big.firstSecondTasks).toBe(300);
    // No instanceCount = worst case, every task on its own instance downloads its layers.
    expect(big.demand.GetDownloadUrlForLayer).toBe(3000);
    expect(passedSubjects(quotaBreaches(big, 0.5))).toEqual(["limit:GetAuthorizationToken", "limit:GetDownloadUrlForLayer"]);
  });
});

describe("custom quotas", () => {
  it("a token bucket {rate 20, burst 200} for GetAuthorizationToken gives a capacity of 200", () => {
    const quotas: EcrQuotas = {
      ...DEFAULT_ECR_QUOTAS,
      GetAuthorizationToken: { rate: 20, burst: 200, quotaCode: "L-55A41110" },
    };
    const a = assessService(profile(), quotas);
    expect(use(a, "GetAuthorizationToken")).toMatchObject({ capacity: 200, peakCallsPerSecond: 100, share: 0.5 });
    // 100 calls vs 200 burst is at the 50% share: a warning, not an error.
    expect(passedSubjects(quotaBreaches(a, 0.5))).toEqual(["margin:GetAuthorizationToken"]);
  });

  it("rejects nonsensical quotas", () => {
    const bad: EcrQuotas = { ...DEFAULT_ECR_QUOTAS, BatchGetImage: { rate: 0, quotaCode: "L-16E70933" } };
    expect(() => assessService(profile(), bad)).toThrow(RangeError);
    expect(() => assessGroup("g", [profile()], bad)).toThrow(RangeError);
  });
});

describe("assessGroup", () => {
  it("sums demands across services", () => {
    const g = assessGroup("prod/eu-west-1", [
      profile({ service: "a", desiredCount: 10 }),
      profile({ service: "b", desiredCount: 20, images: [ecrImage(5), ecrImage(5)] }),
      profile({ service: "c", desiredCount: 30, launchType: "EC2", pullBehavior: "once", instanceCount: 3 }),
    ]);
    expect(g.services.map((s) => s.demand.GetAuthorizationToken)).toEqual([10, 20, 3]);
    expect(g.demand).toEqual({
      GetAuthorizationToken: 10 + 20 + 3,
      BatchGetImage: 10 + 40 + 3,
      GetDownloadUrlForLayer: 100 + 200 + 30,
      BatchCheckLayerAvailability: 0,
    });
    expect(use(g, "GetDownloadUrlForLayer").share).toBeCloseTo(330 / 3000, 10);
    expect(g.maxShare).toBeCloseTo(0.11, 10); // GetDownloadUrlForLayer 330/3000 beats GetAuthorizationToken 33/500
  });

  it("two Fargate services of 150 starts share the launch burst: 50 each in the first second", () => {
    const g = assessGroup("prod/eu-west-1", [
      profile({ service: "a", desiredCount: 150 }),
      profile({ service: "b", desiredCount: 150 }),
    ]);
    expect(g.services.map((s: ServiceAssessment) => s.concurrentStarts)).toEqual([150, 150]);
    expect(g.services.map((s: ServiceAssessment) => s.firstSecondTasks)).toEqual([50, 50]);
    expect(g.demand.GetAuthorizationToken).toBe(100);
    expect(g.demand.GetDownloadUrlForLayer).toBe(1000);
    // Alone, each would put its full 100 in the first second.
    expect(assessService(profile({ desiredCount: 150 })).firstSecondTasks).toBe(100);
  });

  it("splits the launch burst pro rata: 120 + 40 Fargate starts, 100/160 each -> 75 and 25", () => {
    const g = assessGroup("prod/eu-west-1", [
      profile({ service: "a", desiredCount: 120 }),
      profile({ service: "b", desiredCount: 40, images: [ecrImage(20)] }),
    ]);
    expect(g.services.map((s) => s.firstSecondTasks)).toEqual([75, 25]);
    // 75 x 10 + 25 x 20 = 1250 layers; 75 + 25 = 100 tokens and manifests.
    expect(g.demand).toEqual({ GetAuthorizationToken: 100, BatchGetImage: 100, GetDownloadUrlForLayer: 1250, BatchCheckLayerAvailability: 0 });
  });

  it("does not apply the Fargate cap to EC2 services of the group", () => {
    const g = assessGroup("prod/eu-west-1", [
      profile({ service: "f", desiredCount: 200 }),
      profile({ service: "e", desiredCount: 200, launchType: "EC2" }),
    ]);
    expect(g.services.map((s) => s.firstSecondTasks)).toEqual([100, 200]);
    expect(g.demand.GetAuthorizationToken).toBe(300);
  });

  it("an empty group uses nothing", () => {
    const g = assessGroup("empty", []);
    expect(g.maxShare).toBe(0);
    expect(g.services).toEqual([]);
    expect(g.dockerHub).toEqual([]);
    expect(quotaBreaches(g)).toEqual([]);
  });
});
