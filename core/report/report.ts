import type { Finding, PlatformPlan } from "../model/plan-types";
import { ECR_APIS, quotaBreaches, type GroupAssessment, type QuotaUse } from "../budget";
import { dockerHubCacheJson, dockerHubCacheLines } from "./docker-hub-cache";
import { joinMarkdown, markdownCode, md, renderMarkdown, trustedMarkdown, type Markdown } from "../markdown";
import { firstApplyEntries, firstApplyMarkdown } from "./first-apply";
import { fargateJson, fargateMarkdown, fargateSummary } from "./fargate";
import { rollbackJson, rollbackMarkdown } from "./rollback";
import { burstsOf, durationText, registryChart, REPORTED_APIS, reportedApiLegend, serviceStartsJson, START_CAUSES } from "./starts";
import { BUDGET_COLUMNS_LEGEND, SHARED_QUOTA_LEGEND, START_COLUMNS_LEGEND } from "./legends";
import { upstreamPullsJson, upstreamPullsMarkdown } from "./upstream-section";

/**
 * The pull-budget report for pull-request review: the same figures the guard used, per stack and
 * service, as JSON for tools and Markdown for people. Pure and deterministic: no timestamps.
 */

export type Verdict = "ok" | "warning" | "refused";

function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function quotaJson(uses: readonly QuotaUse[]) {
  return Object.fromEntries(
    uses.map((u) => [u.api, { peakCallsPerSecond: round(u.peakCallsPerSecond, 2), capacityPerSecond: u.capacity, share: round(u.share), quotaCode: u.quotaCode }]),
  );
}

function verdictOf(list: readonly Finding[]): Verdict {
  if (list.some((f) => f.level === "error")) return "refused";
  return list.length > 0 ? "warning" : "ok";
}

function serviceFindings(plan: PlatformPlan, stack: string, service: { readonly configPath: string }): Finding[] {
  return plan.findings.filter((f) => f.stack === stack && (f.path === service.configPath || f.path.startsWith(`${service.configPath}.`)));
}

/** Every service rolling at once is a scenario, not a plan: an overrun is a warning, never a refusal. */
function groupVerdict(group: GroupAssessment, maxShare: number): Verdict {
  return quotaBreaches(group, maxShare).some((f) => f.subject !== "rollout") ? "warning" : "ok";
}

/** The report's first line: how many services, refused, warned, and the slowest rollout. */
function summaryOf(plan: PlatformPlan) {
  let services = 0;
  let refused = 0;
  let slowest: { service: string; seconds: number | null } | undefined;
  for (const env of plan.environments) {
    for (const s of env.services) {
      services++;
      if (serviceFindings(plan, env.stackName, s).some((f) => f.level === "error")) refused++;
      const seconds = s.production.starts.timing.seconds;
      const slower = slowest === undefined || (slowest.seconds !== null && (seconds === null || seconds > slowest.seconds));
      if (slower) slowest = { service: `${env.stackName}/${s.name}`, seconds };
    }
    // A service its errors kept out of the plan is refused too: the summary must not read "0 refused" then.
    services += env.unplannedServices.length;
    refused += env.unplannedServices.length;
  }
  return { services, refused, warnings: plan.findings.filter((f) => f.level === "warning").length, fargate: fargateSummary(plan), slowestRollout: slowest ?? null };
}

export function pullBudgetReport(plan: PlatformPlan) {
  return {
    firstApply: firstApplyEntries(plan),
    deployOrder: plan.deployOrder.map((wave) => [...wave]),
    summary: summaryOf(plan),
    maxQuotaShare: plan.maxQuotaShare,
    model:
      "Peak second of a rollout: Fargate tasks pull every image (at most 100 launches in the first second, the Fargate launch bucket); " +
      "EC2 with ECS_IMAGE_PULL_BEHAVIOR once/prefer-cached pulls once per instance. Per task: 1 GetAuthorizationToken, per image 1 BatchGetImage " +
      "and 1 GetDownloadUrlForLayer per layer. Capacity is the quota's burst (or rate) per second. Worst case by design.",
    quotas: Object.fromEntries(Object.entries(plan.quotas).map(([region, q]) => [region, Object.fromEntries(ECR_APIS.map((api) => [api, q[api]]))])),
    stacks: plan.environments.map((env) => ({
      stack: env.stackName,
      environment: env.environment,
      account: env.account,
      region: env.region,
      services: env.services.map((s) => {
        const list = serviceFindings(plan, env.stackName, s);
        return {
          service: s.name,
          launchType: s.launchType,
          desiredCount: s.desiredCount,
          minimumHealthyPercent: s.rollout.minimumHealthyPercent,
          maximumPercent: s.rollout.maximumPercent,
          concurrentStarts: s.rollout.concurrentStarts,
          pullBudget: s.rollout.budget,
          // The report keeps its published key; the plan field was renamed (the percents are the widest, not always the fastest).
          fastestWithinBudget: s.rollout.widestPercentsWithinBudget,
          circuitBreakerThreshold: s.rollout.circuitBreakerThreshold,
          ...rollbackJson(s),
          ...serviceStartsJson(s),
          images: s.containers.map((c) => ({
            container: c.name,
            written: c.image.written,
            pulledFrom: c.image.pull.registryPath,
            route: c.image.route,
            ...(c.image.cache ? { cachedFrom: c.image.cache.upstream, ...(c.image.cache.officialMirror ? { dockerOfficialImageMirror: true } : {}) } : {}),
            layers: c.image.pull.layers,
          })),
          ...dockerHubCacheJson(s.containers.map((c) => c.image.pull)),
          peak: quotaJson(s.assessment.quotaUse),
          maxShare: round(s.assessment.maxShare),
          dockerHub: s.assessment.dockerHub.map((d) => ({ ...d, share: round(d.share) })),
          verdict: verdictOf(list),
          findings: list.map((f) => ({ level: f.level, rule: f.rule, path: f.path, message: f.message })),
        };
      }),
      ...(env.unplannedServices.length > 0
        ? {
            unplannedServices: env.unplannedServices.map((u) => ({
              service: u.name,
              verdict: "refused" as Verdict,
              findings: serviceFindings(plan, env.stackName, u).map((f) => ({ level: f.level, rule: f.rule, path: f.path, message: f.message })),
            })),
          }
        : {}),
      allServicesAtOnce: { peak: quotaJson(env.groupAssessment.quotaUse), maxShare: round(env.groupAssessment.maxShare), verdict: groupVerdict(env.groupAssessment, plan.maxQuotaShare) },
    })),
    // Per upstream account: the caches' own pulls on a first deploy and a day of refreshes (docs/pull-budget.md, "Upstream pulls").
    upstreamPulls: upstreamPullsJson(plan),
    accountRegions: plan.accountRegionAssessments.map((g) => ({ label: g.label, peak: quotaJson(g.quotaUse), maxShare: round(g.maxShare), verdict: groupVerdict(g, plan.maxQuotaShare) })),
    fargate: fargateJson(plan),
    findings: plan.findings.map((f) => ({ level: f.level, rule: f.rule, stack: f.stack, path: f.path, message: f.message })),
    suppressed: plan.suppressed.map((f) => ({ level: f.level, rule: f.rule, stack: f.stack, path: f.path, message: f.message, reason: f.reason })),
  };
}

export type PullBudgetReport = ReturnType<typeof pullBudgetReport>;

export function pullBudgetJson(report: PullBudgetReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

function peakCell(uses: readonly QuotaUse[], api: string): Markdown {
  const use = uses.find((u) => u.api === api);
  if (!use) return NO_VALUE;
  const calls = Number.isInteger(use.peakCallsPerSecond) ? String(use.peakCallsPerSecond) : use.peakCallsPerSecond.toFixed(1);
  return md`${calls} (${percent(use.share)})`;
}

/** The abbreviation of the API whose quota a burst takes the largest share of: the quota its "(x%)" is of. */
function busiestApi(uses: readonly QuotaUse[]): string {
  let top: QuotaUse | undefined;
  for (const u of uses) if (REPORTED_APIS.some((r) => r.api === u.api) && (top === undefined || u.share > top.share)) top = u;
  return REPORTED_APIS.find((r) => r.api === top?.api)?.abbreviation ?? "-";
}

/** One cell per reported API, in REPORTED_APIS order (the columns the abbreviations head). */
function peakCells(uses: readonly QuotaUse[]): Markdown {
  return joinMarkdown(
    REPORTED_APIS.map((r) => peakCell(uses, r.api)),
    " | ",
  );
}

const NO_VALUE = trustedMarkdown("-");
const API_COLUMNS = trustedMarkdown(REPORTED_APIS.map((r) => r.abbreviation).join(" | "));

const VERDICT_MARK: Readonly<Record<Verdict, Markdown>> = { ok: trustedMarkdown("ok"), warning: trustedMarkdown("warning"), refused: trustedMarkdown("**refused**") };

/**
 * The report for people. Every line is built with `md`, so each config value in it (names, image
 * references, paths, messages, suppression reasons) is escaped once, in core/markdown.ts.
 */
export function pullBudgetMarkdown(plan: PlatformPlan, report: PullBudgetReport = pullBudgetReport(plan)): string {
  const blank = md``;
  const lines: Markdown[] = [...firstApplyMarkdown(plan), blank];
  lines.push(md`# Pull budget`);
  lines.push(blank);
  const sum = report.summary;
  const slowest = sum.slowestRollout ? md`${sum.slowestRollout.service}, ${durationText(sum.slowestRollout.seconds)}` : md`none`;
  const fargate = sum.fargate.vcpuRefusals + sum.fargate.launchRateWarnings > 0 ? md` (Fargate: ${plural(sum.fargate.vcpuRefusals, "vCPU refusal")}, ${plural(sum.fargate.launchRateWarnings, "launch-rate warning")})` : md``;
  lines.push(md`**${plural(sum.services, "service")}, ${sum.refused} refused, ${plural(sum.warnings, "warning")}${fargate}; slowest rollout: ${slowest}.**`);
  lines.push(blank);
  lines.push(
    md`Peak-second ECR API calls of each rollout against the account's per-Region quotas; a rollout above ${percent(plan.maxQuotaShare)} of any quota is refused. Cells: calls in the peak second (share of the quota). ${reportedApiLegend()}.`,
  );
  for (const env of plan.environments) {
    lines.push(blank);
    lines.push(md`## ${env.stackName} (${env.account}, ${env.region})`);
    lines.push(blank);
    lines.push(md`| service | launch | desired | min/max % | starts at once | budget | ${API_COLUMNS} | images pulled from | verdict |`);
    lines.push(md`|---|---|---:|---|---:|---:|---|---|---|---|---|`);
    const stack = report.stacks.find((s) => s.stack === env.stackName)!;
    for (const s of env.services) {
      const row = stack.services.find((r) => r.service === s.name)!;
      const images = joinMarkdown(
        s.containers.map((c) => (c.image.cache?.officialMirror ? md`${markdownCode(c.image.pull.registryPath)} (Docker Official Image via ECR Public)` : markdownCode(c.image.pull.registryPath))),
        "<br>",
      );
      lines.push(
        md`| ${s.name} | ${s.launchType} | ${s.desiredCount} | ${s.rollout.minimumHealthyPercent}/${s.rollout.maximumPercent} | ${s.rollout.concurrentStarts} | ${s.rollout.budget} | ${peakCells(s.assessment.quotaUse)} | ${images} | ${VERDICT_MARK[row.verdict]} |`,
      );
    }
    for (const u of env.unplannedServices) {
      lines.push(md`| ${u.name} | not planned: see Findings | | | | | | | | | ${VERDICT_MARK.refused} |`);
    }
    lines.push(md`| *all services at once* | | | | | | ${peakCells(env.groupAssessment.quotaUse)} | | ${VERDICT_MARK[stack.allServicesAtOnce.verdict]} |`);
    lines.push(blank, md`${BUDGET_COLUMNS_LEGEND}`);
    lines.push(...dockerHubCacheLines(env.services.flatMap((s) => s.containers.map((c) => c.image.pull))));
    lines.push(blank);
    lines.push(md`| service | strategy | fleet | rollout (waves x time per wave + bake) | deploy burst | strategy burst | scale-out burst | AZ rebalancing allowance | Spot interruption allowance |`);
    lines.push(md`|---|---|---:|---|---|---|---|---:|---:|`);
    for (const s of env.services) {
      const t = s.production.starts.timing;
      const bursts = burstsOf(s);
      const cells = START_CAUSES.map((cause) => {
        const b = bursts[cause];
        return b ? md`${plural(b.tasks, "task")} (${percent(b.assessment.maxShare)} of ${busiestApi(b.assessment.quotaUse)})` : NO_VALUE;
      });
      const waves = Number.isFinite(t.waves) ? md`${t.waves} x ${t.secondsPerWave} s${t.bakeSeconds > 0 ? md` + ${t.bakeSeconds} s` : md``}` : md`cannot progress`;
      const a = s.production.starts.allowances;
      lines.push(
        md`| ${s.name} | ${s.production.deployment.strategy} | ${s.production.starts.fleet} | ${waves} = ${durationText(t.seconds)} | ${joinMarkdown(cells, " | ")} | ${a.azRebalancing} | ${a.spotInterruptions} |`,
      );
    }
    if (env.services.length > 0) lines.push(blank, md`${START_COLUMNS_LEGEND}`);
    const rollback = rollbackMarkdown(env);
    if (rollback.length > 0) lines.push(blank, ...rollback);
  }
  if (plan.accountRegionAssessments.length > 0) {
    lines.push(blank);
    lines.push(md`## Shared quotas (every environment of an account and Region rolling at once)`);
    lines.push(blank);
    lines.push(md`| registry | ${API_COLUMNS} | verdict |`);
    lines.push(md`|---|---|---|---|---|`);
    plan.accountRegionAssessments.forEach((group, i) => {
      lines.push(md`| ${group.label} | ${peakCells(group.quotaUse)} | ${VERDICT_MARK[report.accountRegions[i]!.verdict]} |`);
    });
    lines.push(blank, md`${SHARED_QUOTA_LEGEND}`);
  }
  const fargateSection = fargateMarkdown(plan);
  if (fargateSection.length > 0) lines.push(blank, ...fargateSection);
  const registries = [...new Set(plan.environments.map((e) => e.registryStackName))].sort();
  if (registries.length > 0) {
    lines.push(blank);
    lines.push(md`## Peak share of each ECR quota by cause`);
    lines.push(blank);
    lines.push(
      md`Per registry, every service's worst burst of one cause in the same second: deploy (rolling waves), strategy (green fleets of BLUE_GREEN/LINEAR/CANARY), scale-out (largest auto scaling step). The line is the ${percent(plan.maxQuotaShare)} allowed. AZ rebalancing and Fargate Spot interruptions are allowances (tables above), not bars: see docs/pull-budget.md.`,
    );
    for (const registry of registries) {
      const chart = registryChart(plan, registry);
      if (chart.length === 0) continue;
      lines.push(blank);
      lines.push(...chart);
    }
  }
  lines.push(...upstreamPullsMarkdown(plan));
  lines.push(blank);
  lines.push(md`## Findings`);
  lines.push(blank);
  if (plan.findings.length === 0) lines.push(md`None.`);
  for (const f of plan.findings) lines.push(md`- ${f.level === "error" ? md`**error**` : md`warning`} ${findingSubject(f)}: ${f.message}`);
  lines.push(blank);
  // Accepted findings stay visible with the reason given for them (config: suppressions).
  if (plan.suppressed.length > 0) {
    lines.push(md`## Suppressed`);
    lines.push(blank);
    for (const f of plan.suppressed) lines.push(md`- ${f.level} ${findingSubject(f)}: ${f.message} **Accepted because:** ${f.reason}`);
    lines.push(blank);
  }
  return renderMarkdown(lines);
}

/** "`PG-RULE` (stack) `path`": the rule and the path as code, the stack when the finding has one. */
function findingSubject(f: Finding): Markdown {
  const rule = f.rule ? md`${markdownCode(f.rule)} ` : md``;
  const stack = f.stack ? md`(${f.stack}) ` : md``;
  return md`${rule}${stack}${markdownCode(f.path)}`;
}
