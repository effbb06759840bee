/**
 * The pull-pressure model: how hard one rollout (or every rollout of a group at once) hits the ECR API
 * quotas in its peak second, and Docker Hub's 6-hour pull limits over the whole rollout. This module is
 * the model's public face: callers import from here, and each concern lives in its own file:
 * - quotas.ts: the limits (ECR quotas, Fargate launch bucket, Docker Hub) and share thresholds;
 * - profile.ts: what a service pulls and the ECR calls one task start costs;
 * - docker-hub.ts: direct Docker Hub pulls against the 6-hour limits;
 * - assessment.ts: one service or a whole group in the peak second;
 * - start-bound.ts: the inverse, the most starts that stay within the allowed share;
 * - breaches.ts: figures past a threshold, with the sentence that explains them;
 * - fargate.ts: Fargate's running vCPU quotas and launch buckets (imported directly: core/plan/fargate.ts, core/rules/fargate-*.ts).
 * - upstream-pulls.ts, upstream-pull-sources.ts: the caches' own pulls from Docker Hub (and other
 *   upstreams) per upstream account, on a first deploy and a steady-state day.
 * The records they compute (profiles, quota uses, assessments, the Fargate budget) are plan types,
 * in core/model/budget-types.ts and fargate-types.ts, so the plan types load none of this logic.
 *
 * Pure: data in, data out; no cdktf, no I/O, no AWS calls. Constants come from
 * docs/aws-facts.md (sections "ECR API rate quotas", "Docker Hub limits", "ECS deployments").
 *
 * Worst-case model, on purpose (a synth-time check should not pass a rollout that can fail):
 * - Every concurrent start of an EC2 service pulls in the same second.
 * - Fargate starts are capped by the Fargate launch bucket, so at most its burst (100) of the account's
 *   Fargate tasks start in the first second; that cap is shared by every Fargate service of a group.
 * - Only the peak (first) second is modelled. Quota capacity in that second is the bucket's burst
 *   (the bucket starts full), or the rate when no burst is given.
 * - Docker Hub: every task replaced in a full rollout pulls, and the whole rollout is assumed to fit in
 *   one 6-hour window.
 * Not modelled: other consumers of the same quotas (that is what maxShare leaves headroom for), and
 * published limits of registries other than ECR and Docker Hub (none exists: a config can give one).
 */
export {
  DEFAULT_ECR_QUOTAS,
  DEFAULT_LAYERS_PER_IMAGE,
  DEFAULT_MAX_QUOTA_SHARE,
  DOCKER_HUB_PULLS_PER_WINDOW,
  DOCKER_HUB_WINDOW_HOURS,
  ECR_APIS,
  FARGATE_TASK_LAUNCH_BUCKET,
  firstSecondCapacity,
  WARNING_FRACTION,
} from "./quotas";
export type { PullProfileWithoutPercents } from "./profile";
export type { DockerHubCachePulls } from "./docker-hub";
export { dockerHubCachePulls } from "./docker-hub";
export { assessGroup, assessService } from "./assessment";
export { maxStartsWithinShare } from "./start-bound";
export { quotaBreaches, type FindingSubject, type QuotaBreach } from "./breaches";
export { limitOf, upstreamPullPools, type LimitSource, type UpstreamLoginRef, type UpstreamPull, type UpstreamPullPool } from "./upstream-pulls";
export { upstreamPullsOf, type UpstreamPullPlanView } from "./upstream-pull-sources";
// The model's records are types of the plan (core/model/budget-types.ts); callers still find them here.
export type { ApiDemand, ApiQuota, DockerHubAuth, DockerHubUse, EcrApi, EcrQuotas, GroupAssessment, ImagePull, PullBehavior, PullSource, QuotaUse, ServiceAssessment, ServicePullProfile } from "../model/budget-types";
