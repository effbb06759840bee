import type { EnvironmentPlan, PlatformPlan, ServicePlan } from "../model/plan-types";
import { assessGroup, type EcrApi, type ServicePullProfile } from "../budget";
import type { BurstPlan } from "../model/service-types";
import { mermaidLabel, trustedMarkdown, type Markdown } from "../markdown";
import { burstProfile } from "../budget/task-starts";
import type { StartCause } from "../model/budget-types";

/**
 * The report's view of every way tasks start: per service, the rollout duration and the worst burst
 * of each cause; per registry, each ECR API's peak share by cause as a Mermaid chart. Pure.
 */

export const START_CAUSES: readonly StartCause[] = ["deploy", "strategy", "scale-out"];

/**
 * The one home of the report's API abbreviations: a Markdown column or a Mermaid x-axis label has no
 * room for "GetDownloadUrlForLayer", so the report's tables and chart label the ECR APIs a pull calls
 * GAT (GetAuthorizationToken), BGI (BatchGetImage) and GDUFL (GetDownloadUrlForLayer), in this order,
 * and print this table as their legend. BatchCheckLayerAvailability is push-side: never reported.
 * Code says the full API names; only the report text abbreviates.
 */
export const REPORTED_APIS: readonly { readonly api: EcrApi; readonly abbreviation: string }[] = [
  { api: "GetAuthorizationToken", abbreviation: "GAT" },
  { api: "BatchGetImage", abbreviation: "BGI" },
  { api: "GetDownloadUrlForLayer", abbreviation: "GDUFL" },
];

/** The legend under the report's tables: "GAT GetAuthorizationToken, BGI BatchGetImage, GDUFL GetDownloadUrlForLayer". */
export function reportedApiLegend(): string {
  return REPORTED_APIS.map((r) => `${r.abbreviation} ${r.api}`).join(", ");
}

function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function burstsOf(s: ServicePlan): Partial<Record<StartCause, BurstPlan>> {
  const starts = s.production.starts;
  return { [starts.deployment.cause]: starts.deployment, ...(starts.scaleOut ? { "scale-out": starts.scaleOut } : {}) };
}

export function serviceStartsJson(s: ServicePlan) {
  const starts = s.production.starts;
  const bursts = burstsOf(s);
  return {
    strategy: s.production.deployment.strategy,
    fleet: starts.fleet,
    rolloutDuration: { waves: Number.isFinite(starts.timing.waves) ? starts.timing.waves : null, secondsPerWave: starts.timing.secondsPerWave, bakeSeconds: starts.timing.bakeSeconds, seconds: starts.timing.seconds },
    worstBurstByCause: Object.fromEntries(
      START_CAUSES.flatMap((cause) => {
        const b = bursts[cause];
        return b ? [[cause, { tasks: b.tasks, quotaBound: b.quotaBound, maxShare: round(b.assessment.maxShare) }]] : [];
      }),
    ),
    ...(starts.scaleOut ? { scaleOutSecondsMinToMax: starts.scaleOut.secondsMinToMax } : {}),
    allowances: starts.allowances,
  };
}

export function durationText(seconds: number | null): string {
  if (seconds === null) return "never (no task can start)";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** Each API's peak share per cause when every service of the registry hits that cause in the same second. */
export function registryShares(plan: PlatformPlan, registryStackName: string): { cause: StartCause; shares: Record<EcrApi, number> }[] {
  const envs: EnvironmentPlan[] = plan.environments.filter((e) => e.registryStackName === registryStackName);
  const region = envs[0]?.region;
  const quotas = region ? plan.quotas[region] : undefined;
  if (!quotas) return [];
  return START_CAUSES.flatMap((cause) => {
    const profiles: ServicePullProfile[] = envs.flatMap((e) =>
      e.services.flatMap((s) => {
        const b = burstsOf(s)[cause];
        return b ? [burstProfile(b.assessment.profile, b.tasks)] : [];
      }),
    );
    if (profiles.length === 0) return [];
    const group = assessGroup(`${registryStackName} ${cause}`, profiles, quotas);
    return [{ cause, shares: Object.fromEntries(group.quotaUse.map((u) => [u.api, u.share])) as Record<EcrApi, number> }];
  });
}

/** A Mermaid xychart (GitHub renders it in a pull-request comment): bars per API and cause, a line at the allowed share. */
export function registryChart(plan: PlatformPlan, registryStackName: string): Markdown[] {
  const rows = registryShares(plan, registryStackName);
  if (rows.length === 0) return [];
  const labels: string[] = [];
  const values: number[] = [];
  for (const { api, abbreviation } of REPORTED_APIS) {
    for (const row of rows) {
      labels.push(`"${abbreviation} ${row.cause}"`);
      values.push(Math.round(row.shares[api] * 1000) / 10);
    }
  }
  const allowed = Math.round(plan.maxQuotaShare * 1000) / 10;
  const top = Math.max(100, Math.ceil(Math.max(...values) / 10) * 10);
  // Inside the fence Markdown escapes do not apply: the one config value, the stack name, is reduced to plain characters.
  const lines = [
    "```mermaid",
    "xychart-beta",
    `    title "${mermaidLabel(registryStackName)}: peak share of each ECR quota by cause (%)"`,
    `    x-axis [${labels.join(", ")}]`,
    `    y-axis "% of quota in the peak second" 0 --> ${top}`,
    `    bar [${values.join(", ")}]`,
    `    line [${values.map(() => allowed).join(", ")}]`,
    "```",
  ];
  return lines.map(trustedMarkdown);
}
