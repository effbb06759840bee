/** Upstream pull pools and how their pulls read in a message, for the upstream pull rules. */
import { upstreamPullPools, upstreamPullsOf, type UpstreamPullPool } from "../../budget";
import type { RuleContext } from "../rule";

export function poolsOf(ctx: RuleContext): UpstreamPullPool[] {
  return upstreamPullPools(upstreamPullsOf(ctx.plan));
}

export function limitText(p: UpstreamPullPool): string {
  const plan = p.plan === "custom" ? "its configured limit" : `plan ${p.plan}${p.limitSource === "default plan" ? " (the default: set credential.plan)" : ""}`;
  return `${p.windowLimit} pulls per ${p.windowHours} hours (${plan})`;
}

export function percentOf(pulls: number, limit: number): string {
  return `${Math.round((pulls / limit) * 1000) / 10}%`;
}

/** "2 caches: 111111111111/us-east-1 12, 222222222222/us-east-1 12". */
export function cacheText(p: UpstreamPullPool, field: "firstDeployPulls" | "steadyStatePullsPerDay"): string {
  return `${p.caches} cache${p.caches === 1 ? "" : "s"}: ${p.byCache.map((c) => `${c.cache} ${c[field]}`).join(", ")}`;
}
