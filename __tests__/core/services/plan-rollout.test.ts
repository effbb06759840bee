/**
 * Rollout percents through the planner (no cdktf): the widest percents within a service's pull
 * budget, overrides, and the ECR quota share that lowers the budget.
 * Facts: docs/aws-facts.md.
 */
import type { ServicePlan } from "../../../core/model/plan-types";
import { byRule, input, REGION, service } from "../../helpers/environment-plan";
import { errors, type Input, plan, type ServiceInput, warnings } from "../../helpers/registry-config";

describe("rollout percents through the planner", () => {
  const rollout = (desiredCount: number, deployment?: ServiceInput["deployment"], extra: Partial<Input> = {}) => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount, imageLayers: 10, ...(deployment ? { deployment } : {}) } }, {}, extra));
    return { p, r: service(p, "web").rollout };
  };

  // One 10-layer Fargate image: even the launch cap (100 tasks x 10 = 1000 of 1500 layer calls at 50%) fits the
  // quotas, so the budget is min(25 default cap, desired). Percents: the widest max with floor(D x max / 100) - D
  // <= budget, e.g. 399: floor(399 x 106 / 100) - 399 = 422 - 399 = 23 (107% gives 426 - 399 = 27); 1000: 1020 - 1000
  // = 20 (103% gives 30). Circuit breaker: ceil(D / 2) within [3, 200]: 1, 2, 3 -> 3; 7 -> 4; 100 -> 50; 399 -> 200.
  it.each([
    // desired, budget, min, max, starts, circuit breaker
    [1, 1, 100, 200, 1, 3],
    [2, 2, 100, 200, 2, 3],
    [3, 3, 100, 200, 3, 3],
    [7, 7, 100, 200, 7, 4],
    [10, 10, 100, 200, 10, 5],
    [50, 25, 100, 150, 25, 25],
    [100, 25, 100, 125, 25, 50],
    [399, 25, 100, 106, 23, 200],
    [1000, 25, 100, 102, 20, 200],
  ])("desiredCount %i, budget %i -> %i/%i, %i at once, circuit breaker %i", (desired, budget, min, max, starts, breaker) => {
    const { p, r } = rollout(desired);
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts]).toEqual([min, max, starts]);
    expect(r.circuitBreakerThreshold).toBe(breaker);
    expect(r.overridden).toBe(false);
    expect(r.budget).toBe(budget);
    expect(r.widestPercentsWithinBudget).toEqual({ minimumHealthyPercent: min, maximumPercent: max, concurrentStarts: starts });
    expect(service(p, "web").assessment.concurrentStarts).toBe(starts);
    expect(errors(p)).toEqual([]);
    expect(byRule(p, "PG-ROLLOUT-BURST")).toEqual([]);
  });

  it("cannot keep 5000 tasks within 25 starts: 101% is the smallest step, 50 tasks, and says so", () => {
    const { p, r } = rollout(5000);
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts, r.budget]).toEqual([100, 101, 50, 25]);
    expect(errors(p)).toEqual([]);
    expect(byRule(p, "PG-ROLLOUT-BURST")).toEqual([
      expect.objectContaining({
        level: "warning",
        message: "web: starts 50 tasks at once, over its pull budget of 25; even maximumPercent 101 starts 50 (one percent of 5000 tasks), lower desiredCount or raise the budget",
      }),
    ]);
  });

  it("refuses overrides that let no task start, with PG-ROLLOUT-PROGRESS naming the fastest fitting settings", () => {
    const { p, r } = rollout(2, { minimumHealthyPercent: 100, maximumPercent: 125 });
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts, r.overridden]).toEqual([100, 125, 0, true]);
    expect(errors(p)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.deployment",
        message:
          "web: desiredCount 2 at minimumHealthyPercent 100 / maximumPercent 125 starts no task at once (floor(2x125/100) - ceil(2x100/100) = 0), so the deployment cannot progress; use minimumHealthyPercent 100 / maximumPercent 200",
        stack: "prod",
        rule: "PG-ROLLOUT-PROGRESS",
      },
    ]);
  });

  it("keeps the computed maximum when only the minimum is overridden, and warns PG-ROLLOUT-CAPACITY below the floor", () => {
    const { p, r } = rollout(10, { minimumHealthyPercent: 50, maximumPercent: 100 });
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts]).toEqual([50, 100, 5]);
    expect(errors(p)).toEqual([]);
    expect(warnings(p)).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.deployment.minimumHealthyPercent",
        message: "web: minimumHealthyPercent 50 lets running tasks drop to 5 of 10 during a rollout, below minimumHealthyPercentFloor",
        stack: "prod",
        rule: "PG-ROLLOUT-CAPACITY",
      },
    ]);
    const onlyMin = rollout(10, { minimumHealthyPercent: 50 }).r;
    expect([onlyMin.minimumHealthyPercent, onlyMin.maximumPercent, onlyMin.concurrentStarts]).toEqual([50, 200, 15]);
    expect(rollout(10, { minimumHealthyPercent: 50, maximumPercent: 100, minimumHealthyPercentFloor: 50 }).p.findings).toEqual([]);
  });

  it("warns PG-ROLLOUT-BURST when an override starts more than the budget", () => {
    const { p, r } = rollout(100, { maximumPercent: 200 });
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts, r.budget]).toEqual([100, 200, 100, 25]);
    expect(errors(p)).toEqual([]);
    expect(byRule(p, "PG-ROLLOUT-BURST")).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.deployment",
        message: "web: starts 100 tasks at once, over its pull budget of 25; minimumHealthyPercent 100 / maximumPercent 125 starts 25",
        stack: "prod",
        rule: "PG-ROLLOUT-BURST",
      },
    ]);
  });

  it.each([
    [100, 5, 105, 5],
    [10, 5, 150, 5],
    [3, 5, 200, 3],
  ])("caps desiredCount %i at deployment.maxConcurrentStarts %i", (desired, cap, max, starts) => {
    const { p, r } = rollout(desired, { maxConcurrentStarts: cap });
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts]).toEqual([100, max, starts]);
    expect(r.concurrentStarts).toBeLessThanOrEqual(cap);
    expect(errors(p)).toEqual([]);
  });

  it("follows pullBudget.defaultMaxConcurrentStarts", () => {
    const { r } = rollout(100, undefined, { pullBudget: { defaultMaxConcurrentStarts: 10 } });
    expect([r.maximumPercent, r.concurrentStarts, r.budget]).toEqual([110, 10, 10]);
  });
});

describe("pull budget guard", () => {
  const share = (s: ServicePlan) => Math.max(...s.assessment.quotaUse.map((u) => u.share));

  it("lowers the starts so every ECR API stays within a small maxQuotaShare", () => {
    // 0.05 of 3000 GetDownloadUrlForLayer/s = 150 calls = 15 tasks of 10 layers.
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 100, imageLayers: 10 } }, {}, { pullBudget: { maxQuotaShare: 0.05 } }));
    expect(errors(p)).toEqual([]);
    const web = service(p, "web");
    expect([web.rollout.budget, web.rollout.minimumHealthyPercent, web.rollout.maximumPercent, web.rollout.concurrentStarts]).toEqual([15, 100, 115, 15]);
    for (const use of web.assessment.quotaUse) expect(use.share).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(web.assessment.demand.GetDownloadUrlForLayer).toBe(150);
  });

  it("lowers the starts for a service with many layers and images at the default share", () => {
    // 3 images x 127 layers = 381 GetDownloadUrlForLayer calls a task; 0.5 x 3000 / 381 = 3 tasks.
    const p = plan(
      input({
        big: {
          image: "nginx:1.27.3",
          desiredCount: 50,
          imageLayers: 127,
          sidecars: { a: { image: "public.ecr.aws/nginx/nginx:1.27", imageLayers: 127 }, b: { image: "quay.io/prometheus/node-exporter:v1.8.2", imageLayers: 127 } },
        },
      }),
    );
    expect(errors(p)).toEqual([]);
    const big = service(p, "big");
    expect([big.rollout.budget, big.rollout.minimumHealthyPercent, big.rollout.maximumPercent, big.rollout.concurrentStarts]).toEqual([3, 100, 106, 3]);
    expect(share(big)).toBeLessThanOrEqual(0.5);
    expect(big.assessment.demand).toEqual({ GetAuthorizationToken: 3, BatchGetImage: 9, GetDownloadUrlForLayer: 1143, BatchCheckLayerAvailability: 0 });
  });

  it("refuses an override above maxQuotaShare with PG-ECR-QUOTA naming the service, figure, quota and fastest fitting settings", () => {
    const p = plan(
      input({ web: { image: "nginx:1.27.3", desiredCount: 100, imageLayers: 10, deployment: { maximumPercent: 200 } } }, {}, { pullBudget: { maxQuotaShare: 0.05 } }),
    );
    const quota = byRule(p, "PG-ECR-QUOTA");
    expect(quota.every((f) => f.level === "error" && f.path === "environments.prod.services.web.deployment" && f.stack === "prod")).toBe(true);
    const layers = quota.find((f) => f.message.includes("GetDownloadUrlForLayer"));
    expect(layers?.message).toBe(
      "prod/web: 1000 GetDownloadUrlForLayer calls in the peak second is 33.3% of the 3000/s first-second capacity (quota L-A60A366D), above the 5% allowed; " +
        "lower maximumPercent to start fewer tasks at once, or raise the quota. Fastest settings within the budget: minimumHealthyPercent 100 / maximumPercent 115 (15 tasks at once).",
    );
    const auth = quota.find((f) => f.message.includes("GetAuthorizationToken"));
    expect(auth?.message).toContain("100 GetAuthorizationToken calls in the peak second is 20% of the 500/s first-second capacity (quota L-55A41110)");
    // BatchGetImage at exactly 5% is at, not above, the share.
    expect(quota.map((f) => f.message.split(" ")[2])).toEqual(["GetAuthorizationToken", "GetDownloadUrlForLayer"]);
    expect(errors(p).map((f) => f.rule)).toEqual(["PG-ECR-QUOTA", "PG-ECR-QUOTA"]);
  });

  it("uses the Region's ecrQuotas override in the budget", () => {
    const many = (extra: Partial<Input>) =>
      service(
        plan(
          input(
            {
              big: {
                image: "nginx:1.27.3",
                desiredCount: 50,
                imageLayers: 127,
                sidecars: { a: { image: "public.ecr.aws/nginx/nginx:1.27", imageLayers: 127 }, b: { image: "quay.io/prometheus/node-exporter:v1.8.2", imageLayers: 127 } },
              },
            },
            {},
            extra,
          ),
        ),
        "big",
      ).rollout;
    // 0.5 x 6000 / 381 = 7 tasks.
    const raised = many({ pullBudget: { ecrQuotas: { [REGION]: { GetDownloadUrlForLayer: { rate: 6000 } } } } });
    expect([raised.budget, raised.maximumPercent, raised.concurrentStarts]).toEqual([7, 114, 7]);
    // A burst counts as the first-second capacity.
    const burst = many({ pullBudget: { ecrQuotas: { [REGION]: { GetDownloadUrlForLayer: { rate: 3000, burst: 6000 } } } } });
    expect(burst.budget).toBe(7);
    // Another Region's override changes nothing here.
    const elsewhere = many({ pullBudget: { ecrQuotas: { "eu-west-1": { GetDownloadUrlForLayer: { rate: 6000 } } } } });
    expect(elsewhere.budget).toBe(3);
  });

  it("says plainly when no rollout setting fits the quota budget", () => {
    const p = plan(
      input({ big: { image: "nginx:1.27.3", desiredCount: 5000, imageLayers: 127, deployment: { maximumPercent: 110 } } }, {}, { pullBudget: { maxQuotaShare: 0.01 } }),
    );
    const quota = byRule(p, "PG-ECR-QUOTA")[0];
    expect(quota?.message).toContain("No rollout settings fit: even minimumHealthyPercent 100 / maximumPercent 101 starts 50 tasks at once");
  });
});
