import { DOCKER_HUB_PLANS } from "../../facts/upstream-limits";
import { upstreamDisplayName } from "../../facts/upstream-registries";
import type { Rule, RuleViolation } from "./rule";
import * as catalogue from "./catalogue";
import { poolsOf } from "./support/upstream-pools";

/**
 * The caches' own pulls from upstream, per upstream account (core/budget/upstream-pulls.ts): a first
 * deploy over the account's limit is refused, a day of refreshes near it warned. docs/pull-budget.md,
 * "Upstream pulls"; docs/aws-facts.md, "Docker Hub limits".
 */

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
