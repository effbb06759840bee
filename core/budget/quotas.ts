/**
 * The shared limits the pull budget measures against, and what "share of a quota" means: the ECR
 * API quotas (per account per Region), the Fargate task launch bucket, Docker Hub's 6-hour pull
 * limits, and the share thresholds findings use. Kept apart from the arithmetic so each AWS or
 * Docker figure has one home with its source (docs/aws-facts.md, sections "ECR API rate quotas",
 * "Docker Hub limits", "ECS deployments"). Pure: no cdktf, no I/O.
 */
import { DOCKER_HUB_PLAN_PULLS, DOCKER_HUB_WINDOW_HOURS } from "../../facts/upstream-limits";
import type { ApiDemand, ApiQuota, DockerHubAuth, EcrApi, EcrQuotas, QuotaUse } from "../model/budget-types";

/** Every ECR API the model reports, in report order (quotaUse arrays follow this order). */
export const ECR_APIS: readonly EcrApi[] = Object.freeze([
  "GetAuthorizationToken",
  "BatchGetImage",
  "GetDownloadUrlForLayer",
  "BatchCheckLayerAvailability",
] as const);

/**
 * Default ECR API quotas, per account per Region, adjustable (aws-facts.md, "ECR API rate quotas").
 * Pass your account's real values when they were raised.
 */
export const DEFAULT_ECR_QUOTAS: EcrQuotas = Object.freeze({
  GetAuthorizationToken: Object.freeze({ rate: 500, quotaCode: "L-55A41110" }),
  BatchGetImage: Object.freeze({ rate: 2000, quotaCode: "L-16E70933" }),
  GetDownloadUrlForLayer: Object.freeze({ rate: 3000, quotaCode: "L-A60A366D" }),
  BatchCheckLayerAvailability: Object.freeze({ rate: 1000, quotaCode: "L-B9173138" }),
});

/** Fargate task launch token bucket: 100 burst, 20/s sustained (aws-facts.md, "ECS deployments"). */
export const FARGATE_TASK_LAUNCH_BUCKET: Readonly<{ rate: number; burst: number }> = Object.freeze({
  rate: 20,
  burst: 100,
});

/** Docker Hub counts pulls over a rolling window of 6 hours: one home, facts/upstream-limits.ts. */
export { DOCKER_HUB_WINDOW_HOURS };

/**
 * Docker Hub pulls per 6-hour window (docs/aws-facts.md, "Docker Hub limits", checked 2026-11; the
 * 2025 announcement of 10 and 100 an hour never took effect): unauthenticated 100 per IPv4 address
 * (a NAT gateway is one address); Personal (free) 200; Pro/Team/Business unlimited under fair use (null). The anonymous limit is per egress IP and multiplies by natPublicIps; the
 * personal limit is per Docker account (Docker counts authenticated pulls against the user doing the
 * pull), so extra NAT IPs do not raise it.
 */
export const DOCKER_HUB_PULLS_PER_WINDOW: Readonly<Record<DockerHubAuth, number | null>> = Object.freeze({
  anonymous: DOCKER_HUB_PLAN_PULLS.unauthenticated,
  personal: DOCKER_HUB_PLAN_PULLS.personal,
  paid: DOCKER_HUB_PLAN_PULLS.pro,
});

/** Layers assumed for an image whose layer count is not given (typical application image). */
export const DEFAULT_LAYERS_PER_IMAGE = 10;

/**
 * Default share of each shared limit one assessment may use: the other half is headroom for the other
 * consumers of the same account-region quotas (CI, scale-outs, other tools).
 */
export const DEFAULT_MAX_QUOTA_SHARE = 0.5;

/** Findings warn once a share passes this fraction of its threshold, before it turns into an error. */
export const WARNING_FRACTION = 0.8;

/** Shares within this of a threshold count as at the threshold (float noise such as 0.1 * 3000). */
export const SHARE_EPSILON = 1e-9;

/** Capacity in the first second of a burst: the bucket starts full (aws-facts.md, "ECR API rate quotas"). */
export function firstSecondCapacity(q: ApiQuota): number {
  return q.burst ?? q.rate;
}

export function assertQuotas(quotas: EcrQuotas): void {
  for (let i = 0; i < ECR_APIS.length; i++) {
    const api = ECR_APIS[i];
    const q = quotas[api];
    if (!(q.rate > 0) || !Number.isFinite(q.rate)) {
      throw new RangeError(`${api} quota rate must be a positive number, got ${q.rate}`);
    }
    if (q.burst !== undefined && (!(q.burst > 0) || !Number.isFinite(q.burst))) {
      throw new RangeError(`${api} quota burst must be a positive number, got ${q.burst}`);
    }
  }
}

/** Each API's demand against its first-second capacity, in ECR_APIS order, and the highest share. */
export function quotaUseOf(demand: ApiDemand, quotas: EcrQuotas): { readonly uses: readonly QuotaUse[]; readonly max: number } {
  const uses: QuotaUse[] = new Array<QuotaUse>(ECR_APIS.length);
  let max = 0;
  for (let i = 0; i < ECR_APIS.length; i++) {
    const api = ECR_APIS[i];
    const q = quotas[api];
    const capacity = firstSecondCapacity(q);
    const peak = demand[api];
    const share = peak / capacity;
    if (share > max) max = share;
    uses[i] = { api, peakCallsPerSecond: peak, capacity, share, quotaCode: q.quotaCode };
  }
  return { uses, max };
}
