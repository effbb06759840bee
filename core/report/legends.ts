/**
 * What each column of the pull-budget tables means, printed under every table that has the column
 * (the report, and the budget section of `npm run diff`), so a reviewer never has to guess which
 * quota a percentage is of. Short on purpose: they repeat under every stack's tables. Plain text:
 * no config value is ever part of a legend.
 */

/** Under each per-service budget table (and the diff's budget table). */
export const BUDGET_COLUMNS_LEGEND =
  "starts at once: tasks a deployment starts in the same second. budget: the most the pull budget allows (maxConcurrentStarts, lowered to keep every ECR API within maxQuotaShare, at most the fleet). " +
  "GAT, BGI, GDUFL: GetAuthorizationToken, BatchGetImage, GetDownloadUrlForLayer calls in the peak second (% of that API's quota for this account and Region).";

/** Under each per-service table of task starts by cause. */
export const START_COLUMNS_LEGEND =
  "fleet: autoscaling.max, else desired. Bursts: tasks starting in the same second for that cause (% of the named API's quota for this account and Region, the largest share). " +
  "Allowances: tasks that may restart at once outside deployments (AZ rebalancing: one rolling wave; Fargate Spot: every Spot task), reported, not checked.";

/** Under the shared-quota table. */
export const SHARED_QUOTA_LEGEND =
  "Every service of the account and Region starting its deploy burst in the same second: calls (% of the account-Region quota of each API). A scenario, not a plan: above maxQuotaShare it is a warning.";
