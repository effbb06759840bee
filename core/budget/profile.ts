/**
 * What a service pulls when its tasks start, and the ECR calls that costs: the inputs of the pull
 * budget (a service's pull profile and its images, typed in core/model/budget-types.ts) and the
 * per-task call shape derived from them.
 * Separate from the assessment so the ECR call-counting rule (aws-facts.md, "ECR API rate quotas")
 * sits in one place that both the forward model (assessService) and its inverse
 * (maxStartsWithinShare) read. Pure: no cdktf, no I/O.
 */
import { DEFAULT_LAYERS_PER_IMAGE } from "./quotas";
import type { ApiDemand, ServicePullProfile } from "../model/budget-types";

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
