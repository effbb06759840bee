import {
  assessGroup,
  assessService,
  DEFAULT_ECR_QUOTAS,
  DEFAULT_LAYERS_PER_IMAGE,
  DEFAULT_MAX_QUOTA_SHARE,
  DOCKER_HUB_PULLS_PER_WINDOW,
  DOCKER_HUB_WINDOW_HOURS,
  ECR_APIS,
  EcrApi,
  EcrQuotas,
  FARGATE_TASK_LAUNCH_BUCKET,
  quotaBreaches,
  firstSecondCapacity,
  ImagePull,
  maxStartsWithinShare,
  QuotaUse,
  ServiceAssessment,
  ServicePullProfile,
} from "../core/pull-budget";
import { fastestRolloutWithin } from "../core/rollout";

const ecrImage = (layers = 10, registryPath = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/nginx:1.27"): ImagePull => ({
  source: "ecr",
  layers,
  registryPath,
});

const hubImage = (dockerHubAuth?: "anonymous" | "personal" | "paid"): ImagePull => ({
  source: "docker-hub-direct",
  layers: 5,
  registryPath: "nginx:1.27",
  ...(dockerHubAuth ? { dockerHubAuth } : {}),
});

function profile(overrides: Partial<ServicePullProfile> = {}): ServicePullProfile {
  return {
    stack: "shop",
    service: "orders",
    desiredCount: 100,
    minimumHealthyPercent: 100,
    maximumPercent: 200,
    launchType: "FARGATE",
    natPublicIps: 1,
    images: [ecrImage()],
    ...overrides,
  };
}

function use(a: { readonly quotaUse: readonly QuotaUse[] }, api: EcrApi): QuotaUse {
  const u = a.quotaUse.find((q) => q.api === api);
  if (!u) throw new Error(`no quota use for ${api}`);
  return u;
}

describe("constants (aws-facts.md)", () => {
  it("has the default ECR quotas with their Service Quotas codes", () => {
    expect(ECR_APIS).toEqual(["GetAuthorizationToken", "BatchGetImage", "GetDownloadUrlForLayer", "BatchCheckLayerAvailability"]);
    expect(DEFAULT_ECR_QUOTAS).toEqual({
      GetAuthorizationToken: { rate: 500, quotaCode: "L-55A41110" },
      BatchGetImage: { rate: 2000, quotaCode: "L-16E70933" },
      GetDownloadUrlForLayer: { rate: 3000, quotaCode: "L-A60A366D" },
      BatchCheckLayerAvailability: { rate: 1000, quotaCode: "L-B9173138" },
    });
    expect(FARGATE_TASK_LAUNCH_BUCKET).toEqual({ rate: 20, burst: 100 });
    expect(DOCKER_HUB_PULLS_PER_WINDOW).toEqual({ anonymous: 100, personal: 200, paid: null });
    expect(DOCKER_HUB_WINDOW_HOURS).toBe(6);
    expect(DEFAULT_LAYERS_PER_IMAGE).toBe(10);
    expect(DEFAULT_MAX_QUOTA_SHARE).toBe(0.5);
  });

  it("uses the burst as first-second capacity, the rate when there is no burst", () => {
    expect(firstSecondCapacity({ rate: 20, burst: 200, quotaCode: "x" })).toBe(200);
    expect(firstSecondCapacity({ rate: 500, quotaCode: "x" })).toBe(500);
  });
});

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

  it("two 10-layer images: GetDownloadUrlForLayer 2000/3000 is an error at a 50% share", () => {
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
    expect(f[0].message).toContain("shop/orders");
    expect(f[0].message).toContain("2000 GetDownloadUrlForLayer calls in the peak second");
    expect(f[0].message).toContain("66.7%");
    expect(f[0].message).toContain("3000/s");
    expect(f[0].message).toContain("L-A60A366D");
    expect(f[0].message).toContain("50%");
  });

  it("maxStartsWithinShare for the two-image case is 75 (75 x 20 = 1500 = 50% of 3000)", () => {
    const p = profile({ images: [ecrImage(), ecrImage()] });
    expect(maxStartsWithinShare(p, 0.5)).toBe(75);
    // 75 fits exactly at the share, 76 does not.
    const at75 = assessService({ ...p, desiredCount: 75 });
    expect(at75.concurrentStarts).toBe(75);
    expect(use(at75, "GetDownloadUrlForLayer").share).toBe(0.5);
    expect(quotaBreaches(at75, 0.5).filter((x) => x.passed === "limit")).toEqual([]);
    const at76 = assessService({ ...p, desiredCount: 76 });
    expect(quotaBreaches(at76, 0.5).map((x) => `${x.passed}:${x.subject}`)).toEqual(["limit:GetDownloadUrlForLayer"]);
  });

  it("feeds fastestRolloutWithin: the planned percents keep every ECR API within the share", () => {
    const p = profile({ images: [ecrImage(), ecrImage()] });
    const budget = maxStartsWithinShare(p, 0.5);
    const plan = fastestRolloutWithin({ desiredCount: p.desiredCount, maxConcurrentStarts: budget, minimumHealthyPercentFloor: 100 });
    expect(plan).toEqual({ minimumHealthyPercent: 100, maximumPercent: 175, concurrentStarts: 75, fitsBudget: true });
    const a = assessService({ ...p, ...plan });
    expect(a.concurrentStarts).toBe(75);
    expect(a.maxShare).toBeLessThanOrEqual(0.5);
  });

  it("caps the first second at the Fargate launch burst: 300 starts -> 100", () => {
    const a = assessService(profile({ desiredCount: 300 }));
    expect(a.concurrentStarts).toBe(300);
    expect(a.firstSecondTasks).toBe(100);
    expect(a.demand.GetAuthorizationToken).toBe(100);
    expect(a.demand.GetDownloadUrlForLayer).toBe(1000);
  });

  it("when the launch cap keeps any rollout inside the share, the budget is the most ECS could start (2 x desired)", () => {
    // 100 tasks x 10 layers = 1000 <= 1500: no number of starts can exceed 50%.
    expect(maxStartsWithinShare(profile({ desiredCount: 300 }), 0.5)).toBe(600);
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

  it("reports a rollout that cannot progress", () => {
    const a = assessService(profile({ desiredCount: 2, maximumPercent: 125, minimumHealthyPercent: 100 }));
    expect(a.concurrentStarts).toBe(0);
    const f = quotaBreaches(a);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ passed: "limit", subject: "rollout", target: "shop/orders" });
    expect(f[0].message).toContain("cannot progress");
    // A scaled-to-zero service is not a finding.
    expect(quotaBreaches(assessService(profile({ desiredCount: 0 })))).toEqual([]);
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
    expect(quotaBreaches(big, 0.5).map((x) => `${x.passed}:${x.subject}`)).toEqual([
      "limit:GetAuthorizationToken",
      "limit:GetDownloadUrlForLayer",
    ]);
  });

  it("maxStartsWithinShare on EC2: once is bounded by instances, default by manifests", () => {
    // once, 10 instances: at most 10 pullers, 10 x 10 layers = 100 calls, never above 50%.
    expect(maxStartsWithinShare({ ...ec2("once", 10), desiredCount: 1000 }, 0.5)).toBe(2000);
    // default: every task calls GetAuthorizationToken, 250 allowed at 50% of 500.
    expect(maxStartsWithinShare({ ...ec2("default", 10), desiredCount: 1000 }, 0.5)).toBe(250);
    // default without instance spread: 10 layers per task, 1500 / 10 = 150.
    expect(maxStartsWithinShare({ ...ec2("default", undefined), desiredCount: 1000 }, 0.5)).toBe(150);
  });
});

describe("Docker Hub direct pulls", () => {
  const hub = (auth: "anonymous" | "personal" | "paid" | undefined, natPublicIps = 1, desiredCount = 200): ServicePullProfile =>
    profile({ desiredCount, images: [hubImage(auth)], natPublicIps });

  it("200 anonymous pulls behind one NAT exceed the limit of 100 per 6 hours", () => {
    const a = assessService(hub(undefined));
    expect(a.dockerHub).toEqual([{ auth: "anonymous", images: 1, pullsPerRollout: 200, windowLimit: 100, share: 2 }]);
    expect(a.dockerHubMaxShare).toBe(2);
    const f = quotaBreaches(a, 0.5);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ passed: "limit", subject: "docker-hub", share: 2 });
    expect(f[0].message).toContain("shop/orders: 200 direct Docker Hub pulls per rollout is 200% of the anonymous limit of 100 pulls per 6 hours (100 per egress IP)");
    expect(maxStartsWithinShare(hub(undefined), 0.5)).toBe(0);
  });

  it("two NAT IPs double the anonymous limit", () => {
    const a = assessService(hub("anonymous", 2));
    expect(a.dockerHub[0]).toMatchObject({ windowLimit: 200, share: 1 });
    // At the limit is not over it: a warning (share above maxShare), not an error.
    expect(quotaBreaches(a, 0.5).map((x) => x.passed)).toEqual(["margin"]);
    // No ECR image: only the 200% ceiling bounds the starts, floor(200 x 200 / 100) = 400.
    expect(maxStartsWithinShare(hub("anonymous", 2), 0.5)).toBe(400);
  });

  it("a personal account allows 200 per 6 hours whatever the number of egress IPs", () => {
    expect(assessService(hub("personal", 1, 40)).dockerHub[0]).toMatchObject({ windowLimit: 200, share: 0.2 });
    expect(assessService(hub("personal", 3, 40)).dockerHub[0]).toMatchObject({ windowLimit: 200, share: 0.2 });
    expect(quotaBreaches(assessService(hub("personal", 1, 40)), 0.5)).toEqual([]);
  });

  it("a paid account is unlimited", () => {
    const a = assessService(hub("paid"));
    expect(a.dockerHub).toEqual([{ auth: "paid", images: 1, pullsPerRollout: 200, windowLimit: null, share: 0 }]);
    expect(quotaBreaches(a, 0.5)).toEqual([]);
  });

  it("counts every task of a full rollout, regardless of the percents", () => {
    const slow = assessService({ ...hub(undefined, 1, 20), maximumPercent: 105 });
    expect(slow.concurrentStarts).toBe(1);
    expect(slow.dockerHub[0].pullsPerRollout).toBe(20);
  });

  it("EC2 once pulls once per instance; default pulls per task", () => {
    const once = assessService({ ...hub(undefined), launchType: "EC2", pullBehavior: "once", instanceCount: 4 });
    expect(once.dockerHub[0]).toMatchObject({ pullsPerRollout: 4, share: 0.04 });
    const always = assessService({ ...hub(undefined), launchType: "EC2", pullBehavior: "always", instanceCount: 4 });
    expect(always.dockerHub[0].pullsPerRollout).toBe(200);
  });

  it("keeps separate pools per authentication and multiplies by images", () => {
    const a = assessService(profile({ desiredCount: 3, images: [hubImage(), hubImage(), hubImage("personal")] }));
    expect(a.dockerHub).toEqual([
      { auth: "anonymous", images: 2, pullsPerRollout: 6, windowLimit: 100, share: 0.06 },
      { auth: "personal", images: 1, pullsPerRollout: 3, windowLimit: 200, share: 0.015 },
    ]);
  });

  it("needs at least one egress IP for direct pulls", () => {
    expect(() => assessService(hub(undefined, 0))).toThrow(RangeError);
    // Not read when nothing is pulled from Docker Hub directly.
    expect(() => assessService(profile({ natPublicIps: 0 }))).not.toThrow();
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
    expect(quotaBreaches(a, 0.5).map((x) => `${x.passed}:${x.subject}`)).toEqual(["margin:GetAuthorizationToken"]);
    // At 50% the launch cap (100 tasks = 100 calls) already fits, so any rollout does: 2 x desired.
    expect(maxStartsWithinShare(profile(), 0.5, quotas)).toBe(200);
    expect(maxStartsWithinShare(profile(), 0.4, quotas)).toBe(80);
  });

  it("rejects nonsensical quotas", () => {
    const bad: EcrQuotas = { ...DEFAULT_ECR_QUOTAS, BatchGetImage: { rate: 0, quotaCode: "L-16E70933" } };
    expect(() => assessService(profile(), bad)).toThrow(RangeError);
    expect(() => maxStartsWithinShare(profile(), 0)).toThrow(RangeError);
  });
});

describe("quotaBreaches thresholds", () => {
  it("passes the margin above 80% of the share and the limit above it", () => {
    // 45 tasks x 20 layers = 900 = 30% of 3000: with maxShare 0.35, 30% > 28% warns.
    const a = assessService(profile({ desiredCount: 45, images: [ecrImage(20)] }));
    expect(quotaBreaches(a, 0.35).map((x) => `${x.passed}:${x.subject}`)).toEqual(["margin:GetDownloadUrlForLayer"]);
    expect(quotaBreaches(a, 0.29).map((x) => `${x.passed}:${x.subject}`)).toEqual(["limit:GetDownloadUrlForLayer"]);
    expect(quotaBreaches(a, 0.5)).toEqual([]);
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

  it("does not apply the Fargate cap to EC2 services of the group", () => {
    const g = assessGroup("prod/eu-west-1", [
      profile({ service: "f", desiredCount: 200 }),
      profile({ service: "e", desiredCount: 200, launchType: "EC2" }),
    ]);
    expect(g.services.map((s) => s.firstSecondTasks)).toEqual([100, 200]);
    expect(g.demand.GetAuthorizationToken).toBe(300);
  });

  it("group findings name the group and catch what no single service trips", () => {
    const services = [1, 2, 3].map((i) => profile({ service: `s${i}`, desiredCount: 30, images: [ecrImage(), ecrImage()] }));
    for (const s of services) expect(quotaBreaches(assessService(s), 0.5)).toEqual([]);
    const g = assessGroup("prod/eu-west-1", services);
    // 90 tasks x 20 layers = 1800 = 60% of 3000.
    const f = quotaBreaches(g, 0.5);
    expect(f.map((x) => `${x.passed}:${x.subject}`)).toEqual(["limit:GetDownloadUrlForLayer"]);
    expect(f[0].target).toBe("prod/eu-west-1");
    expect(f[0].message).toMatch(/^prod\/eu-west-1: 1800 GetDownloadUrlForLayer calls/);
  });

  it("pools anonymous Docker Hub pulls of services behind the same NAT", () => {
    const g = assessGroup("dev/eu-west-1", [
      profile({ service: "a", desiredCount: 60, images: [hubImage()] }),
      profile({ service: "b", desiredCount: 60, images: [hubImage()] }),
    ]);
    expect(g.services.map((s) => s.dockerHubMaxShare)).toEqual([0.6, 0.6]);
    expect(g.dockerHub).toEqual([{ auth: "anonymous", images: 2, pullsPerRollout: 120, windowLimit: 100, share: 1.2 }]);
    expect(quotaBreaches(g, 0.5).map((x) => `${x.passed}:${x.subject}`)).toEqual(["limit:docker-hub"]);
  });

  it("an empty group uses nothing", () => {
    const g = assessGroup("empty", []);
    expect(g.maxShare).toBe(0);
    expect(g.services).toEqual([]);
    expect(quotaBreaches(g)).toEqual([]);
  });
});
