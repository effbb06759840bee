/**
 * The pull-pressure model: how hard one rollout (or every rollout of a group at once) hits the ECR API
 * quotas in its peak second, and Docker Hub's 6-hour pull limits over the whole rollout.
 *
 * Pure module: data in, data out; no cdktf, no I/O, no AWS calls. Constants come from
 * docs/aws-facts.md (sections "ECR API rate quotas", "Docker Hub limits",
 * "ECS deployments").
 *
 * Worst-case model, on purpose (a synth-time check should not pass a rollout that can fail):
 * - Every concurrent start of an EC2 service pulls in the same second.
 * - Fargate starts are capped by the Fargate launch bucket, so at most its burst (100) of the account's
 *   Fargate tasks start in the first second; that cap is shared by every Fargate service of a group.
 * - Only the peak (first) second is modelled. Quota capacity in that second is the bucket's burst
 *   (the bucket starts full), or the rate when no burst is given.
 * - Docker Hub: every task replaced in a full rollout pulls, and the whole rollout is assumed to fit in
 *   one 6-hour window.
 * Not modelled: other consumers of the same quotas (that is what maxShare leaves headroom for), the
 * pull-through cache's own upstream fetches (at most about once per image per 24 h), and limits of
 * registries other than ECR and Docker Hub.
 */
import { concurrentStarts, taskCeiling, MAX_MAXIMUM_PERCENT } from "./rollout";

// ---------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------

export type EcrApi =
  | "GetAuthorizationToken"
  | "BatchGetImage"
  | "GetDownloadUrlForLayer"
  | "BatchCheckLayerAvailability";

/** Every ECR API the model reports, in report order (quotaUse arrays follow this order). */
export const ECR_APIS: readonly EcrApi[] = Object.freeze([
  "GetAuthorizationToken",
  "BatchGetImage",
  "GetDownloadUrlForLayer",
  "BatchCheckLayerAvailability",
] as const);

/** A per-second API quota, optionally as a token bucket. */
export interface ApiQuota {
  /** Sustained calls per second. */
  readonly rate: number;
  /**
   * Bucket size: calls available in the first second of a burst (the bucket starts full).
   * Absent = rate. aws-facts.md ("ECR API rate quotas") describes a bucket, e.g. GetAuthorizationToken
   * 20/s sustained with 200 burst, as illustrative, which is why it is an input rather than a constant.
   */
  readonly burst?: number;
  /** Service Quotas code, quoted in findings so the reader knows what to raise. */
  readonly quotaCode: string;
}

export type EcrQuotas = Readonly<Record<EcrApi, ApiQuota>>;

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

export type DockerHubAuth = "anonymous" | "personal" | "paid";

/** Docker Hub counts pulls over a rolling window of 6 hours (`ratelimit-limit: 100;w=21600`). */
export const DOCKER_HUB_WINDOW_HOURS = 6;

/**
 * Docker Hub pulls per 6-hour window (docs/aws-facts.md, "Docker Hub limits", checked 2026-11; the
 * 2025 announcement of 10 and 100 an hour never took effect): unauthenticated 100 per IPv4 address
 * (a NAT gateway is one address); Personal (free) 200; Pro/Team/Business unlimited under fair use (null). The anonymous limit is per egress IP and multiplies by natPublicIps; the
 * personal limit is per Docker account (Docker counts authenticated pulls against the user doing the
 * pull), so extra NAT IPs do not raise it.
 */
export const DOCKER_HUB_PULLS_PER_WINDOW: Readonly<Record<DockerHubAuth, number | null>> = Object.freeze({
  anonymous: 100,
  personal: 200,
  paid: null,
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
const SHARE_EPSILON = 1e-9;

// ---------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------

/** Where a container image comes from. */
export type PullSource =
  /** Any ECR repository, including pull-through cache paths: costs ECR API calls. */
  | "ecr"
  /** Straight from Docker Hub (registry-1.docker.io): counts against Docker Hub's 6-hour limit. */
  | "docker-hub-direct"
  /** Any other registry pulled directly: neither ECR calls nor Docker Hub pulls; not modelled. */
  | "other-direct";

export interface ImagePull {
  readonly source: PullSource;
  /** Layers of the image (ECR only: each costs one GetDownloadUrlForLayer when downloaded). Default 10. */
  readonly layers?: number;
  /** Image reference, for messages only. */
  readonly registryPath: string;
  /** docker-hub-direct only: how the pull authenticates. Default "anonymous" (the worst case). */
  readonly dockerHubAuth?: DockerHubAuth;
}

export type PullBehavior = "default" | "always" | "once" | "prefer-cached";

export interface ServicePullProfile {
  /** Stack name, for messages. */
  readonly stack: string;
  /** ECS service name, for messages. */
  readonly service: string;
  /** desiredCount, a non-negative integer. */
  readonly desiredCount: number;
  /** Deployment minimumHealthyPercent. */
  readonly minimumHealthyPercent: number;
  /** Deployment maximumPercent. */
  readonly maximumPercent: number;
  readonly launchType: "FARGATE" | "EC2";
  /** EC2 only: the agent's ECS_IMAGE_PULL_BEHAVIOR. Default "default". Ignored for FARGATE (no cache). */
  readonly pullBehavior?: PullBehavior;
  /**
   * EC2 only: container instances the tasks spread over (a positive integer). Absent = every task on its
   * own instance (worst case: no layer sharing). Ignored for FARGATE.
   */
  readonly instanceCount?: number;
  /**
   * Egress IPs that direct Docker Hub pulls share (a positive integer). Only read when the service has a
   * docker-hub-direct image; validated only then.
   */
  readonly natPublicIps: number;
  /** One entry per container image of the task definition. */
  readonly images: readonly ImagePull[];
}

// ---------------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------------

/** ECR API calls in the peak second, per API. Fractional in group assessments (shared Fargate cap). */
export type ApiDemand = Readonly<Record<EcrApi, number>>;

export interface QuotaUse {
  readonly api: EcrApi;
  /** Calls of this API in the peak second. */
  readonly peakCallsPerSecond: number;
  /** Calls the quota allows in that second: burst, or rate when no burst is given. */
  readonly capacity: number;
  /** peakCallsPerSecond / capacity. */
  readonly share: number;
  readonly quotaCode: string;
}

export interface DockerHubUse {
  /** The pool: anonymous pulls share the egress IPs, authenticated pulls the Docker account. */
  readonly auth: DockerHubAuth;
  /** docker-hub-direct images (per task) drawing on this pool. */
  readonly images: number;
  /** Pulls (manifest GETs) over one full rollout; assumed to happen within one 6-hour window. */
  readonly pullsPerRollout: number;
  /** Pulls per 6 hours this pool allows; null = unlimited. */
  readonly windowLimit: number | null;
  /** pullsPerRollout / windowLimit; 0 when unlimited. Above 1 the rollout hits HTTP 429 toomanyrequests. */
  readonly share: number;
}

export interface ServiceAssessment {
  readonly profile: ServicePullProfile;
  /** Tasks ECS starts at once with the profile's percents (0 = the rollout cannot progress). */
  readonly concurrentStarts: number;
  /**
   * Starting tasks that pull in the peak second: concurrentStarts for EC2; for FARGATE capped by the
   * launch bucket (alone: min(starts, 100); in a group: the shared cap split pro rata, may be fractional).
   */
  readonly firstSecondTasks: number;
  /** ECR API calls in the peak second. */
  readonly demand: ApiDemand;
  /** One entry per ECR_APIS entry, in that order. */
  readonly quotaUse: readonly QuotaUse[];
  /** One entry per Docker Hub pool the service pulls from directly; empty when none. */
  readonly dockerHub: readonly DockerHubUse[];
  /** Highest ECR quota share (compare with maxShare). Docker Hub is reported apart: different unit. */
  readonly maxShare: number;
  /** Highest Docker Hub pool share (compare with 1 = the 6-hour limit); 0 when none. */
  readonly dockerHubMaxShare: number;
}

export interface GroupAssessment {
  /** What the group is, e.g. "prod/eu-west-1"; used in messages. */
  readonly label: string;
  /** Each service as it behaves inside the group (Fargate first-second tasks share the launch cap). */
  readonly services: readonly ServiceAssessment[];
  /** Summed ECR demand in the shared peak second. */
  readonly demand: ApiDemand;
  readonly quotaUse: readonly QuotaUse[];
  /**
   * Docker Hub pools summed across services, assuming the group shares egress IPs and Docker credentials
   * (one VPC's NAT gateways, one PTC/pull secret). The anonymous limit uses the largest natPublicIps among
   * the contributing services.
   */
  readonly dockerHub: readonly DockerHubUse[];
  readonly maxShare: number;
  readonly dockerHubMaxShare: number;
}

// ---------------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------------

/** Capacity in the first second of a burst: the bucket starts full (aws-facts.md, "ECR API rate quotas"). */
export function firstSecondCapacity(q: ApiQuota): number {
  return q.burst ?? q.rate;
}

function assertQuotas(quotas: EcrQuotas): void {
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

/** Per-task call shape of a profile, computed once so the hot paths do plain arithmetic. */
interface PullShape {
  /** ECR images per task. */
  readonly ecrImages: number;
  /** Summed layers of the ECR images per task. */
  readonly ecrLayers: number;
  /** Tasks that can share a local image cache (instances); Infinity = none share. */
  readonly layerSharers: number;
  /** EC2 once/prefer-cached: tasks beyond the first per instance make no calls at all. */
  readonly pullOncePerInstance: boolean;
  readonly fargate: boolean;
}

function name(p: { readonly stack: string; readonly service: string }): string {
  return `${p.stack}/${p.service}`;
}

function shapeOf(p: Omit<ServicePullProfile, "minimumHealthyPercent" | "maximumPercent">): PullShape {
  if (!Number.isSafeInteger(p.desiredCount) || p.desiredCount < 0) {
    throw new RangeError(`${name(p)}: desiredCount must be a non-negative integer, got ${p.desiredCount}`);
  }
  let ecrImages = 0;
  let ecrLayers = 0;
  for (let i = 0; i < p.images.length; i++) {
    const img = p.images[i];
    if (img.source !== "ecr") continue;
    const layers = img.layers ?? DEFAULT_LAYERS_PER_IMAGE;
    if (!Number.isSafeInteger(layers) || layers < 0) {
      throw new RangeError(`${name(p)}: layers of ${img.registryPath} must be a non-negative integer, got ${layers}`);
    }
    ecrImages++;
    ecrLayers += layers;
  }
  const fargate = p.launchType === "FARGATE";
  let layerSharers = Infinity;
  if (!fargate && p.instanceCount !== undefined) {
    if (!Number.isSafeInteger(p.instanceCount) || p.instanceCount < 1) {
      throw new RangeError(`${name(p)}: instanceCount must be a positive integer, got ${p.instanceCount}`);
    }
    layerSharers = p.instanceCount;
  }
  const behavior = p.pullBehavior ?? "default";
  return {
    ecrImages,
    ecrLayers,
    layerSharers,
    pullOncePerInstance: !fargate && (behavior === "once" || behavior === "prefer-cached"),
    fargate,
  };
}

/**
 * ECR calls in the peak second for `tasks` tasks starting in it (aws-facts.md, "ECR API rate quotas":
 * one pull = 1 BatchGetImage + 1 GetDownloadUrlForLayer per layer not present locally; each task
 * pulling from ECR authenticates once).
 * - FARGATE: no cache, every task pulls everything.
 * - EC2 once/prefer-cached: only the first task per instance pulls; the others make no calls.
 * - EC2 default/always: every task authenticates and fetches manifests, layers download once per instance.
 * BatchCheckLayerAvailability is push-side: pulls never call it.
 */
function demandFor(shape: PullShape, tasks: number): ApiDemand {
  if (shape.ecrImages === 0 || tasks <= 0) {
    return { GetAuthorizationToken: 0, BatchGetImage: 0, GetDownloadUrlForLayer: 0, BatchCheckLayerAvailability: 0 };
  }
  const downloaders = Math.min(tasks, shape.layerSharers);
  const manifestFetchers = shape.pullOncePerInstance ? downloaders : tasks;
  return {
    GetAuthorizationToken: manifestFetchers,
    BatchGetImage: manifestFetchers * shape.ecrImages,
    GetDownloadUrlForLayer: downloaders * shape.ecrLayers,
    BatchCheckLayerAvailability: 0,
  };
}

function quotaUseOf(demand: ApiDemand, quotas: EcrQuotas): { readonly uses: readonly QuotaUse[]; readonly max: number } {
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

/** Tasks pulling each image over a full rollout: every desired task is replaced once. */
function rolloutPullers(p: Omit<ServicePullProfile, "minimumHealthyPercent" | "maximumPercent">, shape: PullShape): number {
  return shape.pullOncePerInstance ? Math.min(p.desiredCount, shape.layerSharers) : p.desiredCount;
}

function dockerHubLimit(auth: DockerHubAuth, natPublicIps: number): number | null {
  const perUnit = DOCKER_HUB_PULLS_PER_WINDOW[auth];
  if (perUnit === null) return null;
  // Anonymous limits are per egress IP; authenticated ones per Docker account.
  return auth === "anonymous" ? perUnit * natPublicIps : perUnit;
}

function dockerHubUse(auth: DockerHubAuth, images: number, pulls: number, limit: number | null): DockerHubUse {
  return { auth, images, pullsPerRollout: pulls, windowLimit: limit, share: limit === null ? 0 : pulls / limit };
}

const DOCKER_HUB_AUTHS: readonly DockerHubAuth[] = ["anonymous", "personal", "paid"];

/** Docker Hub pools of one service; allocation-free when it pulls nothing from Docker Hub directly. */
function dockerHubOf(
  p: Omit<ServicePullProfile, "minimumHealthyPercent" | "maximumPercent">,
  shape: PullShape,
): readonly DockerHubUse[] {
  let anonymous = 0;
  let personal = 0;
  let paid = 0;
  for (let i = 0; i < p.images.length; i++) {
    const img = p.images[i];
    if (img.source !== "docker-hub-direct") continue;
    const auth = img.dockerHubAuth ?? "anonymous";
    if (auth === "anonymous") anonymous++;
    else if (auth === "personal") personal++;
    else paid++;
  }
  if (anonymous + personal + paid === 0) return NO_DOCKER_HUB;
  if (!Number.isSafeInteger(p.natPublicIps) || p.natPublicIps < 1) {
    throw new RangeError(`${name(p)}: natPublicIps must be a positive integer, got ${p.natPublicIps}`);
  }
  const pullers = rolloutPullers(p, shape);
  const counts = [anonymous, personal, paid];
  const out: DockerHubUse[] = [];
  for (let i = 0; i < DOCKER_HUB_AUTHS.length; i++) {
    if (counts[i] === 0) continue;
    const auth = DOCKER_HUB_AUTHS[i];
    out.push(dockerHubUse(auth, counts[i], pullers * counts[i], dockerHubLimit(auth, p.natPublicIps)));
  }
  return out;
}

const NO_DOCKER_HUB: readonly DockerHubUse[] = Object.freeze([]);

function maxShareOf(uses: readonly DockerHubUse[]): number {
  let max = 0;
  for (let i = 0; i < uses.length; i++) if (uses[i].share > max) max = uses[i].share;
  return max;
}

function assessWith(
  profile: ServicePullProfile,
  shape: PullShape,
  starts: number,
  firstSecondTasks: number,
  quotas: EcrQuotas,
): ServiceAssessment {
  const demand = demandFor(shape, firstSecondTasks);
  const { uses, max } = quotaUseOf(demand, quotas);
  const dockerHub = dockerHubOf(profile, shape);
  return {
    profile,
    concurrentStarts: starts,
    firstSecondTasks,
    demand,
    quotaUse: uses,
    dockerHub,
    maxShare: max,
    dockerHubMaxShare: maxShareOf(dockerHub),
  };
}

/** One service rolling out alone: its peak-second ECR use and its Docker Hub pulls per rollout. */
export function assessService(profile: ServicePullProfile, quotas: EcrQuotas = DEFAULT_ECR_QUOTAS): ServiceAssessment {
  assertQuotas(quotas);
  const shape = shapeOf(profile);
  const starts = concurrentStarts(profile.desiredCount, profile);
  const firstSecond = shape.fargate ? Math.min(starts, FARGATE_TASK_LAUNCH_BUCKET.burst) : starts;
  return assessWith(profile, shape, starts, firstSecond, quotas);
}

/**
 * Every service of the group (an environment+region, or an account+region) rolling at once.
 * ECR quotas and the Fargate launch bucket are per account per Region, so the group must not span
 * accounts or Regions for the figures to mean anything. Fargate services share the launch burst:
 * each one's first-second tasks are its starts x min(1, 100 / total Fargate starts of the group).
 */
export function assessGroup(
  label: string,
  profiles: readonly ServicePullProfile[],
  quotas: EcrQuotas = DEFAULT_ECR_QUOTAS,
): GroupAssessment {
  assertQuotas(quotas);
  const n = profiles.length;
  const shapes: PullShape[] = new Array<PullShape>(n);
  const starts: number[] = new Array<number>(n);
  let fargateStarts = 0;
  for (let i = 0; i < n; i++) {
    shapes[i] = shapeOf(profiles[i]);
    starts[i] = concurrentStarts(profiles[i].desiredCount, profiles[i]);
    if (shapes[i].fargate) fargateStarts += starts[i];
  }
  const fargateScale = fargateStarts > FARGATE_TASK_LAUNCH_BUCKET.burst ? FARGATE_TASK_LAUNCH_BUCKET.burst / fargateStarts : 1;

  const services: ServiceAssessment[] = new Array<ServiceAssessment>(n);
  let gat = 0;
  let bgi = 0;
  let gdufl = 0;
  let bcla = 0;
  let anonPulls = 0;
  let anonImages = 0;
  let anonIps = 0;
  let personalPulls = 0;
  let personalImages = 0;
  let paidPulls = 0;
  let paidImages = 0;
  for (let i = 0; i < n; i++) {
    const firstSecond = shapes[i].fargate ? starts[i] * fargateScale : starts[i];
    const s = assessWith(profiles[i], shapes[i], starts[i], firstSecond, quotas);
    services[i] = s;
    gat += s.demand.GetAuthorizationToken;
    bgi += s.demand.BatchGetImage;
    gdufl += s.demand.GetDownloadUrlForLayer;
    bcla += s.demand.BatchCheckLayerAvailability;
    for (let j = 0; j < s.dockerHub.length; j++) {
      const u = s.dockerHub[j];
      if (u.auth === "anonymous") {
        anonPulls += u.pullsPerRollout;
        anonImages += u.images;
        if (profiles[i].natPublicIps > anonIps) anonIps = profiles[i].natPublicIps;
      } else if (u.auth === "personal") {
        personalPulls += u.pullsPerRollout;
        personalImages += u.images;
      } else {
        paidPulls += u.pullsPerRollout;
        paidImages += u.images;
      }
    }
  }
  const demand: ApiDemand = {
    GetAuthorizationToken: gat,
    BatchGetImage: bgi,
    GetDownloadUrlForLayer: gdufl,
    BatchCheckLayerAvailability: bcla,
  };
  const { uses, max } = quotaUseOf(demand, quotas);
  const dockerHub: DockerHubUse[] = [];
  if (anonImages > 0) dockerHub.push(dockerHubUse("anonymous", anonImages, anonPulls, dockerHubLimit("anonymous", anonIps)));
  if (personalImages > 0) dockerHub.push(dockerHubUse("personal", personalImages, personalPulls, dockerHubLimit("personal", 1)));
  if (paidImages > 0) dockerHub.push(dockerHubUse("paid", paidImages, paidPulls, null));
  return {
    label,
    services,
    demand,
    quotaUse: uses,
    dockerHub,
    maxShare: max,
    dockerHubMaxShare: maxShareOf(dockerHub),
  };
}

/**
 * Largest concurrent starts for this service alone that keep every ECR API at or under `maxShare` of its
 * first-second capacity and its direct Docker Hub pulls at or under the 6-hour limit (share <= 1);
 * 0 when even one task is too many. Docker Hub pulls per rollout do not depend on the starts (every task
 * is replaced once), so a Docker Hub overrun gives 0: no rollout speed fixes it.
 *
 * When no number of starts can exceed the share (the Fargate launch cap or the instance count bounds the
 * pullers first), the answer is the most ECS could ever start, floor(desired x 200 / 100), so callers can
 * hand it to fastestRolloutWithin as the budget unchanged. Closed form, O(APIs + images).
 */
export function maxStartsWithinShare(
  profile: Omit<ServicePullProfile, "minimumHealthyPercent" | "maximumPercent">,
  maxShare: number,
  quotas: EcrQuotas = DEFAULT_ECR_QUOTAS,
): number {
  if (!(maxShare > 0) || !Number.isFinite(maxShare)) {
    throw new RangeError(`maxShare must be a positive number, got ${maxShare}`);
  }
  assertQuotas(quotas);
  const shape = shapeOf(profile);
  const dockerHub = dockerHubOf(profile, shape);
  if (maxShareOf(dockerHub) > 1 + SHARE_EPSILON) return 0;

  let bound = taskCeiling(profile.desiredCount, MAX_MAXIMUM_PERCENT);
  if (shape.ecrImages === 0) return bound;
  // Starts that can pull in the peak second never exceed the Fargate burst.
  const taskCap = shape.fargate ? FARGATE_TASK_LAUNCH_BUCKET.burst : Infinity;
  const manifestCap = shape.pullOncePerInstance ? Math.min(taskCap, shape.layerSharers) : taskCap;
  const layerCap = Math.min(taskCap, shape.layerSharers);
  bound = Math.min(bound, startsBound(1, manifestCap, quotas.GetAuthorizationToken, maxShare));
  bound = Math.min(bound, startsBound(shape.ecrImages, manifestCap, quotas.BatchGetImage, maxShare));
  bound = Math.min(bound, startsBound(shape.ecrLayers, layerCap, quotas.GetDownloadUrlForLayer, maxShare));
  return bound;
}

/**
 * Starts allowed by one API whose demand is perTask x min(starts, cap): unbounded (Infinity) when even
 * the saturated demand fits, else the largest integer s with perTask x s <= maxShare x capacity.
 */
function startsBound(perTask: number, cap: number, quota: ApiQuota, maxShare: number): number {
  if (perTask === 0) return Infinity;
  const allowed = maxShare * firstSecondCapacity(quota);
  if (perTask * cap <= allowed * (1 + SHARE_EPSILON)) return Infinity;
  return Math.floor((allowed / perTask) * (1 + SHARE_EPSILON));
}

// ---------------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------------

/** What a breach is about: an ECR API quota, a Docker Hub pool, or the rollout percents themselves. */
export type FindingSubject = EcrApi | "docker-hub" | "rollout";

/**
 * A figure past one of the model's thresholds. It carries no severity: the rule pack alone decides
 * whether a rule built on it is an error or a warning.
 */
export interface QuotaBreach {
  /** "limit": past the allowed share (or the rollout cannot start); "margin": within WARNING_FRACTION of it. */
  readonly passed: "limit" | "margin";
  readonly subject: FindingSubject;
  /** "stack/service" for a service assessment, the group label for a group assessment. */
  readonly target: string;
  /** The share that triggered the finding (0 for "rollout"). */
  readonly share: number;
  /** One sentence naming the target, the figure and the limit. */
  readonly message: string;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function pct(share: number): string {
  const v = Math.round(share * 1000) / 10;
  return `${v}%`;
}

function exceeds(share: number, limit: number): boolean {
  return share > limit + SHARE_EPSILON;
}

/**
 * Thresholds passed, as data. Thresholds:
 * - ECR API: limit when share > maxShare, margin when share > maxShare x 0.8 (WARNING_FRACTION).
 * - Docker Hub pool: limit when pulls per rollout exceed the 6-hour limit (share > 1: the rollout gets
 *   429 toomanyrequests), margin when share > maxShare (little room left for anything else on the same
 *   IPs/account). Unlimited pools never produce breaches.
 * - Rollout (service assessments only): limit when desiredCount > 0 but the percents let no task start.
 * A group assessment reports its summed figures only; call quotaBreaches on its `services` for per-service ones.
 * Order: rollout, ECR APIs in ECR_APIS order, then Docker Hub pools.
 */
export function quotaBreaches(
  assessment: ServiceAssessment | GroupAssessment,
  maxShare: number = DEFAULT_MAX_QUOTA_SHARE,
): readonly QuotaBreach[] {
  const out: QuotaBreach[] = [];
  const isGroup = "services" in assessment;
  const target = isGroup ? assessment.label : name(assessment.profile);

  if (!isGroup && assessment.concurrentStarts === 0 && assessment.profile.desiredCount > 0) {
    const p = assessment.profile;
    out.push({
      passed: "limit",
      subject: "rollout",
      target,
      share: 0,
      message:
        `${target}: desiredCount ${p.desiredCount} at maximumPercent ${p.maximumPercent} / minimumHealthyPercent ` +
        `${p.minimumHealthyPercent} lets no task start (floor(${p.desiredCount}x${p.maximumPercent}/100) - ` +
        `ceil(${p.desiredCount}x${p.minimumHealthyPercent}/100) = 0), so the deployment cannot progress`,
    });
  }

  for (let i = 0; i < assessment.quotaUse.length; i++) {
    const u = assessment.quotaUse[i];
    const passed = exceeds(u.share, maxShare) ? "limit" : exceeds(u.share, maxShare * WARNING_FRACTION) ? "margin" : null;
    if (passed === null) continue;
    out.push({
      passed,
      subject: u.api,
      target,
      share: u.share,
      message:
        `${target}: ${fmt(u.peakCallsPerSecond)} ${u.api} calls in the peak second is ${pct(u.share)} of the ` +
        `${fmt(u.capacity)}/s first-second capacity (quota ${u.quotaCode}), ` +
        (passed === "limit" ? `above the ${pct(maxShare)} allowed` : `close to the ${pct(maxShare)} allowed`) +
        `; lower maximumPercent to start fewer tasks at once, or raise the quota`,
    });
  }

  for (let i = 0; i < assessment.dockerHub.length; i++) {
    const u = assessment.dockerHub[i];
    if (u.windowLimit === null) continue;
    const passed = exceeds(u.share, 1) ? "limit" : exceeds(u.share, maxShare) ? "margin" : null;
    if (passed === null) continue;
    const perWindow = `${u.windowLimit} pulls per ${DOCKER_HUB_WINDOW_HOURS} hours`;
    const limitText =
      u.auth === "anonymous"
        ? `anonymous limit of ${perWindow} (${DOCKER_HUB_PULLS_PER_WINDOW.anonymous} per egress IP)`
        : `${u.auth} account limit of ${perWindow}`;
    out.push({
      passed,
      subject: "docker-hub",
      target,
      share: u.share,
      message:
        `${target}: ${fmt(u.pullsPerRollout)} direct Docker Hub pulls per rollout is ${pct(u.share)} of the ${limitText}` +
        (passed === "limit" ? `, so the rollout will hit 429 toomanyrequests` : `, little room left for other pulls`) +
        `; pull through the ECR pull-through cache or use a paid Docker Hub account`,
    });
  }
  return out;
}
