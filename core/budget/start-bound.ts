/**
 * The inverse of the assessment: the most tasks one service may start at once and still keep every
 * ECR API within its allowed share and its direct Docker Hub pulls within the 6-hour limit. This is
 * the start budget the rollout planner (rollout.ts, widestPercentsWithinStartBudget) sizes the
 * deployment percents to. Closed form rather than a search, because the planner calls it once per
 * service and the benchmark plans 10,000 services. Pure: no cdktf, no I/O.
 */
import { MAX_MAXIMUM_PERCENT, taskCeiling } from "./rollout";
import {
  assertQuotas,
  DEFAULT_ECR_QUOTAS,
  FARGATE_TASK_LAUNCH_BUCKET,
  firstSecondCapacity,
  SHARE_EPSILON,
} from "./quotas";
import type { ApiQuota, EcrQuotas } from "../model/budget-types";
import { shapeOf, type PullProfileWithoutPercents } from "./profile";
import { dockerHubOf, maxDockerHubShare } from "./docker-hub";

/**
 * Largest concurrent starts for this service alone that keep every ECR API at or under `maxShare` of its
 * first-second capacity and its direct Docker Hub pulls at or under the 6-hour limit (share <= 1);
 * 0 when even one task is too many. Docker Hub pulls per rollout do not depend on the starts (every task
 * is replaced once), so a Docker Hub overrun gives 0: no rollout speed fixes it.
 *
 * When no number of starts can exceed the share (the Fargate launch cap or the instance count bounds the
 * pullers first), the answer is the most ECS could ever start, floor(desired x 200 / 100), so callers can
 * hand it to widestPercentsWithinStartBudget as the budget unchanged. Closed form, O(APIs + images).
 */
export function maxStartsWithinShare(
  profile: PullProfileWithoutPercents,
  maxShare: number,
  quotas: EcrQuotas = DEFAULT_ECR_QUOTAS,
): number {
  if (!(maxShare > 0) || !Number.isFinite(maxShare)) {
    throw new RangeError(`maxShare must be a positive number, got ${maxShare}`);
  }
  assertQuotas(quotas);
  const shape = shapeOf(profile);
  const dockerHub = dockerHubOf(profile, shape);
  if (maxDockerHubShare(dockerHub) > 1 + SHARE_EPSILON) return 0;

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
