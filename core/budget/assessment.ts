/**
 * How hard a rollout hits the shared pull limits in its peak second: one service alone
 * (assessService), or every service of an account and Region at once (assessGroup), where the
 * Fargate launch burst and the ECR quotas are shared. This is the forward model the rules judge;
 * its inverse, the most starts that fit, is in start-bound.ts. Pure: no cdktf, no I/O.
 */
import { concurrentStarts } from "./rollout";
import {
  assertQuotas,
  DEFAULT_ECR_QUOTAS,
  FARGATE_TASK_LAUNCH_BUCKET,
  quotaUseOf,
} from "./quotas";
import { demandFor, shapeOf, type PullShape } from "./profile";
import { dockerHubOf, maxDockerHubShare, pooledDockerHub } from "./docker-hub";
import type { ApiDemand, EcrQuotas, GroupAssessment, ServiceAssessment, ServicePullProfile } from "../model/budget-types";

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
    dockerHubMaxShare: maxDockerHubShare(dockerHub),
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
  let getAuthorizationToken = 0;
  let batchGetImage = 0;
  let getDownloadUrlForLayer = 0;
  let batchCheckLayerAvailability = 0;
  for (let i = 0; i < n; i++) {
    const firstSecond = shapes[i].fargate ? starts[i] * fargateScale : starts[i];
    const s = assessWith(profiles[i], shapes[i], starts[i], firstSecond, quotas);
    services[i] = s;
    getAuthorizationToken += s.demand.GetAuthorizationToken;
    batchGetImage += s.demand.BatchGetImage;
    getDownloadUrlForLayer += s.demand.GetDownloadUrlForLayer;
    batchCheckLayerAvailability += s.demand.BatchCheckLayerAvailability;
  }
  const demand: ApiDemand = {
    GetAuthorizationToken: getAuthorizationToken,
    BatchGetImage: batchGetImage,
    GetDownloadUrlForLayer: getDownloadUrlForLayer,
    BatchCheckLayerAvailability: batchCheckLayerAvailability,
  };
  const { uses, max } = quotaUseOf(demand, quotas);
  const dockerHub = pooledDockerHub(services);
  return {
    label,
    services,
    demand,
    quotaUse: uses,
    dockerHub,
    maxShare: max,
    dockerHubMaxShare: maxDockerHubShare(dockerHub),
  };
}
