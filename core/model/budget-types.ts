/**
 * The pull budget's records (docs/pull-budget.md): the ECR quotas and Docker Hub pools it measures
 * against, what a service pulls, how its tasks start, and the assessment of one service or a group.
 * core/budget/ computes them; the plan carries them. Types only, so a plan type never loads the model.
 */

export type EcrApi =
  | "GetAuthorizationToken"
  | "BatchGetImage"
  | "GetDownloadUrlForLayer"
  | "BatchCheckLayerAvailability";

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

export type DockerHubAuth = "anonymous" | "personal" | "paid";

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
  /**
   * ecr only, a Docker Hub image through the pull-through cache: `docker-hub` when the cache
   * imports it from Docker Hub (a Docker Hub pull per new image), `official-mirror` when a Docker
   * Official Image comes from ECR Public's mirror instead (no Docker Hub pull).
   */
  readonly dockerHubCache?: "docker-hub" | "official-mirror";
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

export interface RolloutPercents {
  /** Lower limit on RUNNING tasks during a deployment, as % of desiredCount (ECS rounds it up). */
  readonly minimumHealthyPercent: number;
  /** Upper limit on RUNNING + PENDING tasks during a deployment, as % of desiredCount (ECS rounds it down). */
  readonly maximumPercent: number;
}

export type DeploymentStrategy = "ROLLING" | "BLUE_GREEN" | "LINEAR" | "CANARY";
export type StartCause = "deploy" | "strategy" | "scale-out";

export interface RolloutTiming {
  /** Waves of starts: ceil(F / starts) for ROLLING, 1 for the others (green starts at once). */
  readonly waves: number;
  readonly secondsPerWave: number;
  /** Traffic steps and bake times after green is up (LINEAR, CANARY, BLUE_GREEN). */
  readonly bakeSeconds: number;
  /** waves x secondsPerWave + bakeSeconds; null when the rollout cannot progress (0 starts). */
  readonly seconds: number | null;
}

export interface CapacityShare {
  readonly provider: string;
  readonly base: number;
  readonly weight: number;
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
