import {
  DEFAULT_ECR_QUOTAS,
  DEFAULT_LAYERS_PER_IMAGE,
  DEFAULT_MAX_QUOTA_SHARE,
  DOCKER_HUB_PULLS_PER_WINDOW,
  DOCKER_HUB_WINDOW_HOURS,
  ECR_APIS,
  FARGATE_TASK_LAUNCH_BUCKET,
  WARNING_FRACTION,
  assertQuotas,
  firstSecondCapacity,
  quotaUseOf,
} from "../../../core/budget/quotas";
import type { EcrQuotas } from "../../../core/model/budget-types";

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
    expect(WARNING_FRACTION).toBe(0.8);
  });

  it("uses the burst as first-second capacity, the rate when there is no burst", () => {
    expect(firstSecondCapacity({ rate: 20, burst: 200, quotaCode: "x" })).toBe(200);
    expect(firstSecondCapacity({ rate: 500, quotaCode: "x" })).toBe(500);
  });
});

describe("quotaUseOf", () => {
  it("divides each API's peak calls by its default capacity, in ECR_APIS order", () => {
    // 100/500 = 20%, 100/2000 = 5%, 1000/3000 = 33.3%, 0/1000 = 0%: the highest is GetDownloadUrlForLayer.
    const { uses, max } = quotaUseOf({ GetAuthorizationToken: 100, BatchGetImage: 100, GetDownloadUrlForLayer: 1000, BatchCheckLayerAvailability: 0 }, DEFAULT_ECR_QUOTAS);
    expect(uses.map((u) => [u.api, u.peakCallsPerSecond, u.capacity, u.quotaCode])).toEqual([
      ["GetAuthorizationToken", 100, 500, "L-55A41110"],
      ["BatchGetImage", 100, 2000, "L-16E70933"],
      ["GetDownloadUrlForLayer", 1000, 3000, "L-A60A366D"],
      ["BatchCheckLayerAvailability", 0, 1000, "L-B9173138"],
    ]);
    expect(uses[0].share).toBe(0.2);
    expect(uses[1].share).toBe(0.05);
    expect(uses[2].share).toBeCloseTo(0.333333, 6);
    expect(uses[3].share).toBe(0);
    expect(max).toBeCloseTo(0.333333, 6);
  });

  it("measures against the burst when the quota is a token bucket", () => {
    // GetAuthorizationToken {rate 20, burst 200}: 150 calls are 150/200 = 75%, not 150/20.
    const quotas: EcrQuotas = { ...DEFAULT_ECR_QUOTAS, GetAuthorizationToken: { rate: 20, burst: 200, quotaCode: "L-55A41110" } };
    const { uses, max } = quotaUseOf({ GetAuthorizationToken: 150, BatchGetImage: 0, GetDownloadUrlForLayer: 0, BatchCheckLayerAvailability: 0 }, quotas);
    expect(uses[0]).toEqual({ api: "GetAuthorizationToken", peakCallsPerSecond: 150, capacity: 200, share: 0.75, quotaCode: "L-55A41110" });
    expect(max).toBe(0.75);
  });

  it("reports no use as a zero maximum", () => {
    expect(quotaUseOf({ GetAuthorizationToken: 0, BatchGetImage: 0, GetDownloadUrlForLayer: 0, BatchCheckLayerAvailability: 0 }, DEFAULT_ECR_QUOTAS).max).toBe(0);
  });
});

describe("assertQuotas", () => {
  it("accepts the defaults and a bucket", () => {
    expect(() => assertQuotas(DEFAULT_ECR_QUOTAS)).not.toThrow();
    expect(() => assertQuotas({ ...DEFAULT_ECR_QUOTAS, BatchGetImage: { rate: 20, burst: 200, quotaCode: "L-16E70933" } })).not.toThrow();
  });

  it.each([
    ["rate 0", { rate: 0, quotaCode: "L-16E70933" }, "BatchGetImage quota rate must be a positive number, got 0"],
    ["rate NaN", { rate: Number.NaN, quotaCode: "L-16E70933" }, "BatchGetImage quota rate must be a positive number, got NaN"],
    ["rate Infinity", { rate: Infinity, quotaCode: "L-16E70933" }, "BatchGetImage quota rate must be a positive number, got Infinity"],
    ["burst -1", { rate: 20, burst: -1, quotaCode: "L-16E70933" }, "BatchGetImage quota burst must be a positive number, got -1"],
  ])("rejects %s with the API named", (_case, quota, message) => {
    expect(() => assertQuotas({ ...DEFAULT_ECR_QUOTAS, BatchGetImage: quota })).toThrow(new RangeError(message));
  });
});
