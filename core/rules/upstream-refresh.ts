import { WARNING_FRACTION } from "../budget";
import type { Rule } from "./rule";
import * as catalogue from "./catalogue";
import { cacheText, limitText, percentOf, poolsOf } from "./support/upstream-pools";

/**
 * The caches' own pulls from upstream, per upstream account (core/budget/upstream-pulls.ts): a first
 * deploy over the account's limit is refused, a day of refreshes near it warned. docs/pull-budget.md,
 * "Upstream pulls"; docs/aws-facts.md, "Docker Hub limits".
 */

export const upstreamRefresh: Rule = {
  definition: catalogue.upstreamRefresh,
  check: (ctx) =>
    poolsOf(ctx)
      .filter((p) => p.windowLimit !== null && p.firstDeployPulls <= p.windowLimit && p.steadyStatePullsPerDay >= WARNING_FRACTION * p.windowLimit)
      .map((p) => ({
        path: p.credentials[0]!.configPath,
        message:
          `${p.label}: a day's cache refreshes make up to ${p.steadyStatePullsPerDay} upstream pulls (each tag-referenced image once per 24 h in each of ${cacheText(p, "steadyStatePullsPerDay")}), ` +
          `${percentOf(p.steadyStatePullsPerDay, p.windowLimit!)} of its limit of ${limitText(p)} when they fall in one window; pin images by digest, spread deploys over the day, or upgrade the plan`,
      })),
};
