import { FARGATE_CAPACITIES } from "../budget/fargate";
import type { FargateAccountRegion, FargateCapacity, FargateServiceBudget, PerCapacity } from "../model/fargate-types";
import type { Finding, PlatformPlan } from "../model/plan-types";
import { joinMarkdown, md, trustedMarkdown, type Markdown } from "../markdown";
import { fargateLaunchRate } from "../rules/catalogue/fargate-launch-rate";
import { fargateVcpu } from "../rules/catalogue/fargate-vcpu";
import { fargateVcpuAccount } from "../rules/catalogue/fargate-vcpu-account";

/**
 * The report's Fargate part: per account and Region, each Fargate service's running vCPU at its
 * deployment peak and its largest launch burst, against the Fargate vCPU quotas and launch buckets.
 * Verdicts come from the findings (so a suppressed finding reads as accepted, not refused).
 */

type Verdict = "ok" | "warning" | "refused";

const FARGATE_RULES = new Set([fargateVcpu.id, fargateVcpuAccount.id, fargateLaunchRate.id]);

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function perCapacity(values: PerCapacity): { onDemand: number; spot: number } {
  return { onDemand: round2(values.FARGATE), spot: round2(values.FARGATE_SPOT) };
}

function verdictOf(list: readonly Finding[]): Verdict {
  if (list.some((f) => f.level === "error")) return "refused";
  return list.length > 0 ? "warning" : "ok";
}

function serviceFindings(plan: PlatformPlan, s: FargateServiceBudget): Finding[] {
  return plan.findings.filter((f) => FARGATE_RULES.has(f.rule ?? "") && f.stack === s.stack && f.path.startsWith(`${s.configPath}.`));
}

function groupFindings(plan: PlatformPlan, g: FargateAccountRegion): Finding[] {
  return plan.findings.filter((f) => FARGATE_RULES.has(f.rule ?? "") && f.stack === g.registryStackName && f.path.startsWith(`pullBudget.fargate.quotas.${g.region}.`));
}

/** Fargate findings by kind, for the report's summary line. */
export function fargateSummary(plan: PlatformPlan): { readonly vcpuRefusals: number; readonly launchRateWarnings: number } {
  return {
    vcpuRefusals: plan.findings.filter((f) => f.rule === fargateVcpu.id || f.rule === fargateVcpuAccount.id).length,
    launchRateWarnings: plan.findings.filter((f) => f.rule === fargateLaunchRate.id).length,
  };
}

export function fargateJson(plan: PlatformPlan) {
  return {
    model:
      "Running vCPU at each Fargate service's deployment peak (ROLLING: floor(F x maximumPercent / 100) tasks; BLUE_GREEN/LINEAR/CANARY: blue F + green F), " +
      "split between FARGATE and FARGATE_SPOT by the capacity provider strategy (base first, then by weight, rounded up, per deployment), task vCPU = cpu / 1024; " +
      "summed per account and Region against the Fargate vCPU quotas. Launch burst: the larger of a deployment's starts and a scale-out step, against each capacity's launch bucket.",
    maxVcpuShare: plan.fargate.maxVcpuShare,
    maxLaunchShare: plan.fargate.maxLaunchShare,
    accountRegions: plan.fargate.accountRegions.map((g) => ({
      account: g.account,
      region: g.region,
      quotas: Object.fromEntries(FARGATE_CAPACITIES.map((c) => [c, { vcpu: g.quotas[c].vcpu, quotaCode: g.quotas[c].vcpuQuotaCode, launchBurst: g.quotas[c].launch.burst, launchRate: g.quotas[c].launch.rate }])),
      services: g.services.map((s) => ({
        stack: s.stack,
        service: s.service,
        strategy: s.shape.strategy,
        fleet: s.shape.fleet,
        taskVcpu: round2(s.shape.cpu / 1024),
        peakTasks: perCapacity(s.peakTasks),
        peakVcpu: perCapacity(s.peakVcpu),
        launchBurst: perCapacity(s.launchBurst),
        launchSeconds: perCapacity(s.launchSeconds),
        verdict: verdictOf(serviceFindings(plan, s)),
      })),
      allServicesAtOnce: {
        steadyVcpu: perCapacity(g.steadyVcpu),
        peakVcpu: perCapacity(g.peakVcpu),
        launchBurst: perCapacity(g.launchBurst),
        launchSeconds: perCapacity(g.launchSeconds),
        verdict: verdictOf(groupFindings(plan, g)),
      },
    })),
  };
}

const VERDICT_MARK: Readonly<Record<Verdict, Markdown>> = { ok: trustedMarkdown("ok"), warning: trustedMarkdown("warning"), refused: trustedMarkdown("**refused**") };

function vcpuCell(g: FargateAccountRegion, c: FargateCapacity, vcpu: number): Markdown {
  if (vcpu === 0) return md`-`;
  return md`${round2(vcpu)} (${(Math.round((vcpu / g.quotas[c].vcpu) * 1000) / 10).toFixed(1)}%)`;
}

function burstCell(tasks: PerCapacity, seconds: PerCapacity): Markdown {
  return joinMarkdown(
    FARGATE_CAPACITIES.map((c) => (tasks[c] === 0 ? md`-` : md`${tasks[c]}${seconds[c] > 0 ? md` (+${seconds[c]} s)` : md``}`)),
    " | ",
  );
}

/** The Markdown section, with the sentence that explains its columns. */
export function fargateMarkdown(plan: PlatformPlan): Markdown[] {
  const groups = plan.fargate.accountRegions;
  if (groups.length === 0) return [];
  const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
  const lines: Markdown[] = [
    md`## Fargate vCPU and launch buckets (per account and Region)`,
    md``,
    md`Peak vCPU: what each Fargate service runs at its deployment peak (old + new tasks of a rolling update at maximumPercent; blue + green fleets for BLUE_GREEN, LINEAR and CANARY), On-Demand and Spot apart by the capacity provider strategy, with its share of the account's Fargate vCPU quota in that Region; above ${pct(plan.fargate.maxVcpuShare)} is refused. Launch burst: the most tasks the service asks Fargate to launch at once (a deployment or a scale-out step), and how many seconds the launch bucket takes past its burst; one service above ${pct(plan.fargate.maxLaunchShare)} of a bucket's burst, or every service together above the burst, is a warning (ECS retries throttled launches). See docs/pull-budget.md.`,
  ];
  for (const g of groups) {
    const q = g.quotas;
    lines.push(md``, md`### ${g.label}: On-Demand ${q.FARGATE.vcpu} vCPU (${q.FARGATE.vcpuQuotaCode}), Spot ${q.FARGATE_SPOT.vcpu} vCPU (${q.FARGATE_SPOT.vcpuQuotaCode}); buckets ${q.FARGATE.launch.burst}/${q.FARGATE.launch.rate} per s and ${q.FARGATE_SPOT.launch.burst}/${q.FARGATE_SPOT.launch.rate} per s`, md``);
    lines.push(md`| service | strategy | fleet | task vCPU | peak On-Demand vCPU | peak Spot vCPU | launch burst On-Demand | launch burst Spot | verdict |`);
    lines.push(md`|---|---|---:|---:|---:|---:|---:|---:|---|`);
    for (const s of g.services) {
      lines.push(
        md`| ${s.stack}/${s.service} | ${s.shape.strategy} | ${s.shape.fleet} | ${round2(s.shape.cpu / 1024)} | ${vcpuCell(g, "FARGATE", s.peakVcpu.FARGATE)} | ${vcpuCell(g, "FARGATE_SPOT", s.peakVcpu.FARGATE_SPOT)} | ${burstCell(s.launchBurst, s.launchSeconds)} | ${VERDICT_MARK[verdictOf(serviceFindings(plan, s))]} |`,
      );
    }
    lines.push(
      md`| *every service at once* | | | | ${vcpuCell(g, "FARGATE", g.peakVcpu.FARGATE)} | ${vcpuCell(g, "FARGATE_SPOT", g.peakVcpu.FARGATE_SPOT)} | ${burstCell(g.launchBurst, g.launchSeconds)} | ${VERDICT_MARK[verdictOf(groupFindings(plan, g))]} |`,
    );
  }
  return lines;
}
