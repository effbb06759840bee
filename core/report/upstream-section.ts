/**
 * The report's upstream pulls (core/budget/upstream-pulls.ts): per upstream account, the pulls the
 * caches make from it on a first deploy and on a day of refreshes, by cache, against the account's
 * limit. JSON for tools, a Markdown section per upstream account for people. Labels and config
 * paths come from the config, so every line is built with `md`. Pure and deterministic.
 */
import { upstreamPullPools, upstreamPullsOf, WARNING_FRACTION, type UpstreamPullPlanView, type UpstreamPullPool } from "../budget";
import { markdownCode, md, joinMarkdown, type Markdown } from "../markdown";

export type UpstreamVerdict = "ok" | "warning" | "refused" | "not judged";

/** Refused over the limit on a first deploy, warned at 80% on a day of refreshes, as the rules judge (core/rules/upstream-first-deploy.ts, upstream-refresh.ts). */
export function upstreamVerdict(p: UpstreamPullPool): UpstreamVerdict {
  if (p.windowLimit === null) return "not judged";
  if (p.firstDeployPulls > p.windowLimit) return "refused";
  return p.steadyStatePullsPerDay >= WARNING_FRACTION * p.windowLimit ? "warning" : "ok";
}

function share(pulls: number, limit: number | null): number | null {
  return limit === null ? null : Math.round((pulls / limit) * 10000) / 10000;
}

export function upstreamPullsJson(plan: UpstreamPullPlanView) {
  return upstreamPullPools(upstreamPullsOf(plan)).map((p) => ({
    upstreamAccount: p.label,
    plan: p.plan,
    limit: p.windowLimit === null ? null : { pulls: p.windowLimit, hours: p.windowHours },
    limitSource: p.limitSource,
    images: p.images,
    caches: p.byCache,
    firstDeployPulls: p.firstDeployPulls,
    firstDeployShare: share(p.firstDeployPulls, p.windowLimit),
    steadyStatePullsPerDay: p.steadyStatePullsPerDay,
    steadyStateShare: share(p.steadyStatePullsPerDay, p.windowLimit),
    credentials: p.credentials.map((c) => c.configPath),
    verdict: upstreamVerdict(p),
  }));
}

function limitLine(p: UpstreamPullPool): string {
  switch (p.limitSource) {
    case "unpublished":
      return "no published pull limit (not judged; give credential.plan as { pulls, hours } if you know it)";
    case "unlimited":
      return `unlimited (plan ${p.plan}, fair use)`;
    case "default plan":
      return `${p.windowLimit} pulls per ${p.windowHours} hours (plan ${p.plan}, the default: set credential.plan)`;
    default:
      return `${p.windowLimit} pulls per ${p.windowHours} hours (${p.plan === "custom" ? "configured limit" : `plan ${p.plan}`})`;
  }
}

function countCell(pulls: number, limit: number | null): string {
  return limit === null ? String(pulls) : `${pulls} (${(Math.round((pulls / limit) * 1000) / 10).toFixed(1)}%)`;
}

const VERDICT: Readonly<Record<UpstreamVerdict, Markdown>> = { ok: md`ok`, warning: md`warning`, refused: md`**refused**`, "not judged": md`not judged` };

/** The section: a legend, then per upstream account its limit, its credentials and its pulls by cache. */
export function upstreamPullsMarkdown(plan: UpstreamPullPlanView): Markdown[] {
  const pools = upstreamPullPools(upstreamPullsOf(plan));
  if (pools.length === 0) return [];
  const lines: Markdown[] = [
    md``,
    md`## Upstream pulls (the caches' own pulls)`,
    md``,
    md`Per upstream account: the credential a cache rule logs in with (credentials naming the same upstreamAccount share one limit; otherwise each secret is its own account). first deploy: one pull per image, architecture and cache (N images x Regions x accounts), all in one window; refused above the limit. refreshes per day: each tag-referenced image re-checked once per 24 h in each cache, worst case in one window; a warning from 80% of the limit. Percentages are of the account's limit per window.`,
  ];
  for (const p of pools) {
    lines.push(md``, md`### ${p.label}`, md``);
    lines.push(md`Limit: ${limitLine(p)}. Config: ${joinMarkdown(p.credentials.map((c) => markdownCode(c.configPath)), ", ")}.`);
    lines.push(md``, md`| cache (account/Region) | first deploy pulls | refreshes per day |`, md`|---|---:|---:|`);
    for (const c of p.byCache) lines.push(md`| ${c.cache} | ${c.firstDeployPulls} | ${c.steadyStatePullsPerDay} |`);
    lines.push(md`| *${p.caches === 1 ? "1 cache" : `all ${p.caches} caches`}, ${p.images} image${p.images === 1 ? "" : "s"}* | ${countCell(p.firstDeployPulls, p.windowLimit)} | ${countCell(p.steadyStatePullsPerDay, p.windowLimit)} |`);
    lines.push(md``, md`Verdict: ${VERDICT[upstreamVerdict(p)]}.`);
  }
  return lines;
}
