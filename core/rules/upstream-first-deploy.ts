import type { Rule } from "./rule";
import * as catalogue from "./catalogue";
import { cacheText, limitText, percentOf, poolsOf } from "./support/upstream-pools";

/**
 * The caches' own pulls from upstream, per upstream account (core/budget/upstream-pulls.ts): a first
 * deploy over the account's limit is refused, a day of refreshes near it warned. docs/pull-budget.md,
 * "Upstream pulls"; docs/aws-facts.md, "Docker Hub limits".
 */

export const upstreamFirstDeploy: Rule = {
  definition: catalogue.upstreamFirstDeploy,
  check: (ctx) =>
    poolsOf(ctx)
      .filter((p) => p.windowLimit !== null && p.firstDeployPulls > p.windowLimit)
      .map((p) => ({
        path: p.credentials[0]!.configPath,
        message:
          `${p.label}: a first deploy makes ${p.firstDeployPulls} upstream pulls (${p.images} image${p.images === 1 ? "" : "s"} x architectures x caches; ${cacheText(p, "firstDeployPulls")}), ` +
          `${percentOf(p.firstDeployPulls, p.windowLimit!)} of its limit of ${limitText(p)}, so cache pulls past ${p.windowLimit} fail with 429 toomanyrequests; ` +
          `stagger first deploys across ${p.windowHours}-hour windows (at most ${p.windowLimit} pulls in each), upgrade the plan, or pre-warm the caches`,
      })),
};
