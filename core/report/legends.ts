/**
 * What each column of the pull-budget tables means, said once and printed under every table that
 * has the column (the report, and the budget section of `npm run diff`), so a reviewer never has to
 * guess which quota a percentage is of. Plain text: no config value is ever part of a legend.
 */

/** Under the per-service budget table (and the diff's budget table). */
export const BUDGET_COLUMNS_LEGEND =
  "starts at once: new tasks a deployment starts in the same second. " +
  "budget: the most tasks the pull budget lets the service start at once (deployment.maxConcurrentStarts, else pullBudget.defaultMaxConcurrentStarts, " +
  "lowered until every ECR API stays within maxQuotaShare of its quota, and at most the fleet). " +
  "GAT, BGI, GDUFL: calls to GetAuthorizationToken, BatchGetImage and GetDownloadUrlForLayer in the peak second, " +
  "with their share of that API's quota for the account and Region (its first-second capacity: the burst, else the rate per second).";

/** Under the per-service table of task starts by cause. */
export const START_COLUMNS_LEGEND =
  "fleet: the tasks a deployment may meet (autoscaling.max, else desired). " +
  "deploy, strategy, scale-out burst: tasks that start in the same second for that cause, with the highest share they take of one ECR API quota of the account and Region, " +
  "that API named (GAT GetAuthorizationToken, BGI BatchGetImage, GDUFL GetDownloadUrlForLayer). " +
  "AZ rebalancing allowance: tasks ECS may restart at once to rebalance Availability Zones (assumed one rolling wave). " +
  "Spot interruption allowance: Fargate Spot tasks that may be reclaimed and replaced at once. Allowances are reported, not checked.";

/** Under the shared-quota table. */
export const SHARED_QUOTA_LEGEND =
  "Every service of every environment in the account and Region starting its deploy burst in the same second: calls in that second (share of the account-Region quota of each API). " +
  "A scenario, not a plan: above maxQuotaShare it is a warning.";
