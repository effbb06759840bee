import { assessService, DEFAULT_ECR_QUOTAS, maxStartsWithinShare, quotaBreaches, type EcrQuotas, type ServicePullProfile } from "../../../core/budget";
import { widestPercentsWithinStartBudget } from "../../../core/budget/rollout";
import { ecrImage, passedSubjects, profile, use } from "../../helpers/pull-profiles";

describe("maxStartsWithinShare on Fargate", () => {
  it("two 10-layer images: 75 (75 x 20 = 1500 = 50% of 3000)", () => {
    const p = profile({ images: [ecrImage(), ecrImage()] });
    expect(maxStartsWithinShare(p, 0.5)).toBe(75);
    // 75 fits exactly at the share, 76 does not.
    const at75 = assessService({ ...p, desiredCount: 75 });
    expect(at75.concurrentStarts).toBe(75);
    expect(use(at75, "GetDownloadUrlForLayer").share).toBe(0.5);
    expect(quotaBreaches(at75, 0.5).filter((x) => x.passed === "limit")).toEqual([]);
    const at76 = assessService({ ...p, desiredCount: 76 });
    expect(passedSubjects(quotaBreaches(at76, 0.5))).toEqual(["limit:GetDownloadUrlForLayer"]);
  });

  it("feeds widestPercentsWithinStartBudget: the planned percents keep every ECR API within the share", () => {
    const p = profile({ images: [ecrImage(), ecrImage()] });
    const budget = maxStartsWithinShare(p, 0.5);
    const plan = widestPercentsWithinStartBudget({ desiredCount: p.desiredCount, maxConcurrentStarts: budget, minimumHealthyPercentFloor: 100 });
    expect(plan).toEqual({ minimumHealthyPercent: 100, maximumPercent: 175, concurrentStarts: 75, fitsBudget: true });
    const a = assessService({ ...p, ...plan });
    expect(a.concurrentStarts).toBe(75);
    expect(a.maxShare).toBeLessThanOrEqual(0.5);
  });

  it("when the launch cap keeps any rollout inside the share, the budget is the most ECS could start (2 x desired)", () => {
    // 100 tasks x 10 layers = 1000 <= 1500: no number of starts can exceed 50%.
    expect(maxStartsWithinShare(profile({ desiredCount: 300 }), 0.5)).toBe(600);
  });

  it("no ECR image: only the 200% ceiling, floor(7 x 200 / 100) = 14", () => {
    expect(maxStartsWithinShare(profile({ desiredCount: 7, images: [{ source: "other-direct", registryPath: "ghcr.io/x/y:1" }] }), 0.5)).toBe(14);
  });
});

describe("maxStartsWithinShare on EC2", () => {
  const ec2 = (pullBehavior: "default" | "once", instanceCount?: number): ServicePullProfile =>
    profile({ launchType: "EC2", pullBehavior, desiredCount: 1000, ...(instanceCount !== undefined ? { instanceCount } : {}) });

  it("once is bounded by instances, default by manifests", () => {
    // once, 10 instances: at most 10 pullers, 10 x 10 layers = 100 calls, never above 50%.
    expect(maxStartsWithinShare(ec2("once", 10), 0.5)).toBe(2000);
    // default: every task calls GetAuthorizationToken, 250 allowed at 50% of 500.
    expect(maxStartsWithinShare(ec2("default", 10), 0.5)).toBe(250);
    // default without instance spread: 10 layers per task, 1500 / 10 = 150.
    expect(maxStartsWithinShare(ec2("default"), 0.5)).toBe(150);
  });

  it("BatchGetImage binds with many small images: 10 one-layer images, 1000 / 10 = 100 (tokens 250, layers 1500 / 10 = 150)", () => {
    const images = Array.from({ length: 10 }, (_, i) => ecrImage(1, `app-${i}:1`));
    expect(maxStartsWithinShare({ ...ec2("default"), images }, 0.5)).toBe(100);
  });
});

describe("maxStartsWithinShare with custom quotas", () => {
  it("a token bucket of 200 for GetAuthorizationToken", () => {
    const quotas: EcrQuotas = { ...DEFAULT_ECR_QUOTAS, GetAuthorizationToken: { rate: 20, burst: 200, quotaCode: "L-55A41110" } };
    // At 50% the launch cap (100 tasks = 100 calls of 100 allowed) already fits, so any rollout does: 2 x desired.
    expect(maxStartsWithinShare(profile(), 0.5, quotas)).toBe(200);
    // At 40%: 0.4 x 200 = 80 tokens, one per task.
    expect(maxStartsWithinShare(profile(), 0.4, quotas)).toBe(80);
  });

  it("rejects a share that is not a positive number", () => {
    expect(() => maxStartsWithinShare(profile(), 0)).toThrow(new RangeError("maxShare must be a positive number, got 0"));
    expect(() => maxStartsWithinShare(profile(), Number.NaN)).toThrow(RangeError);
  });
});
