import { upstreamPullPools, upstreamPullsOf, WARNING_FRACTION, type UpstreamPullPool } from "../budget";
import { DOCKER_HUB_PLANS } from "../../facts/upstream-limits";
import { upstreamDisplayName } from "../../facts/upstream-registries";
import type { Rule, RuleContext, RuleViolation } from "./rule";
import * as catalogue from "./catalogue";

/**
 * The caches' own pulls from upstream, per upstream account (core/budget/upstream-pulls.ts): a first
 * deploy over the account's limit is refused, a day of refreshes near it warned. docs/pull-budget.md,
 * "Upstream pulls"; docs/aws-facts.md, "Docker Hub limits".
 */

function poolsOf(ctx: RuleContext): UpstreamPullPool[] {
  return upstreamPullPools(upstreamPullsOf(ctx.plan));
}

function limitText(p: UpstreamPullPool): string {
  const plan = p.plan === "custom" ? "its configured limit" : `plan ${p.plan}${p.limitSource === "default plan" ? " (the default: set credential.plan)" : ""}`;
  return `${p.windowLimit} pulls per ${p.windowHours} hours (${plan})`;
}

function percentOf(pulls: number, limit: number): string {
  return `${Math.round((pulls / limit) * 1000) / 10}%`;
}

/** "2 caches: 111111111111/us-east-1 12, 222222222222/us-east-1 12". */
function cacheText(p: UpstreamPullPool, field: "firstDeployPulls" | "steadyStatePullsPerDay"): string {
  return `${p.caches} cache${p.caches === 1 ? "" : "s"}: ${p.byCache.map((c) => `${c.cache} ${c[field]}`).join(", ")}`;
}

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

const DOCKER_HUB_PLAN_NAMES: ReadonlySet<string> = new Set(DOCKER_HUB_PLANS);

export const upstreamPlan: Rule = {
  definition: catalogue.upstreamPlan,
  check: (ctx) => {
    const hits = new Map<string, RuleViolation>();
    for (const registry of ctx.plan.registries) {
      for (const rule of registry.cacheRules) {
        const plan = rule.credential?.plan;
        if (typeof plan !== "string" || rule.kind === "docker-hub" || !DOCKER_HUB_PLAN_NAMES.has(plan)) continue;
        const path = `${rule.configPath}.credential.plan`;
        hits.set(path, { path, message: `"${plan}" is a Docker Hub plan, but this credential logs in to ${upstreamDisplayName(rule.kind)}, which publishes no plans: give its limit as { pulls, hours }, or leave plan out` });
      }
    }
    for (const pool of poolsOf(ctx)) {
      const planned = pool.credentials.filter((c) => c.plan !== undefined);
      const first = planned[0];
      for (const other of planned.slice(1)) {
        if (JSON.stringify(other.plan) === JSON.stringify(first!.plan)) continue;
        const path = `${other.configPath}.plan`;
        hits.set(path, { path, message: `is ${JSON.stringify(other.plan)}, but ${first!.configPath}.plan is ${JSON.stringify(first!.plan)} for the same upstream account (${pool.label}): one account has one plan` });
      }
    }
    return [...hits.values()];
  },
};
