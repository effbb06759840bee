/**
 * What a service pulls when its tasks start, and the ECR calls that costs: the inputs of the pull
 * budget (a service's pull profile and its images) and the per-task call shape derived from them.
 * Separate from the assessment so the ECR call-counting rule (aws-facts.md, "ECR API rate quotas")
 * sits in one place that both the forward model (assessService) and its inverse
 * (maxStartsWithinShare) read. Pure: no cdktf, no I/O.
 */
import { DEFAULT_LAYERS_PER_IMAGE, type ApiDemand, type DockerHubAuth } from "./quotas";

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

/** A profile before its rollout percents are chosen: what the start budget is computed from. */
export type PullProfileWithoutPercents = Omit<ServicePullProfile, "minimumHealthyPercent" | "maximumPercent">;

/** Per-task call shape of a profile, computed once so the hot paths do plain arithmetic. */
export interface PullShape {
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

/** "stack/service": how messages name a service. */
export function serviceLabel(p: { readonly stack: string; readonly service: string }): string {
  return `${p.stack}/${p.service}`;
}

export function shapeOf(p: PullProfileWithoutPercents): PullShape {
  if (!Number.isSafeInteger(p.desiredCount) || p.desiredCount < 0) {
    throw new RangeError(`${serviceLabel(p)}: desiredCount must be a non-negative integer, got ${p.desiredCount}`);
  }
  let ecrImages = 0;
  let ecrLayers = 0;
  for (let i = 0; i < p.images.length; i++) {
    const img = p.images[i];
    if (img.source !== "ecr") continue;
    const layers = img.layers ?? DEFAULT_LAYERS_PER_IMAGE;
    if (!Number.isSafeInteger(layers) || layers < 0) {
      throw new RangeError(`${serviceLabel(p)}: layers of ${img.registryPath} must be a non-negative integer, got ${layers}`);
    }
    ecrImages++;
    ecrLayers += layers;
  }
  const fargate = p.launchType === "FARGATE";
  let layerSharers = Infinity;
  if (!fargate && p.instanceCount !== undefined) {
    if (!Number.isSafeInteger(p.instanceCount) || p.instanceCount < 1) {
      throw new RangeError(`${serviceLabel(p)}: instanceCount must be a positive integer, got ${p.instanceCount}`);
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
export function demandFor(shape: PullShape, tasks: number): ApiDemand {
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

/** Tasks pulling each image over a full rollout: every desired task is replaced once. */
export function rolloutPullers(p: PullProfileWithoutPercents, shape: PullShape): number {
  return shape.pullOncePerInstance ? Math.min(p.desiredCount, shape.layerSharers) : p.desiredCount;
}
