/**
 * What a change does to the pull budget: two `pull-budget.json` reports (the base's and the working
 * tree's, as `npm run diff` synthesizes them) compared service by service on the figures a reviewer
 * weighs: tasks started at once, the budget, peak calls per ECR API, rollout time and the verdict,
 * plus the summary line. Pure: parsed JSON in, data out. Either report may come from another version
 * of pullguard, so every figure is read defensively: a missing or malformed one is "absent", never a
 * crash. Rendering is in budget-diff-text.ts.
 */
import { byCodePoint } from "../sort";
import { REPORTED_APIS } from "./starts";

/** A figure as the report gives it: a number, a text, a calls/share pair, or null ("never"). */
export type Figure = number | string | null | { readonly calls: number; readonly share: number };

/** The compared columns, in report order; `label` is the report's column heading. */
export const BUDGET_FIELDS: readonly { readonly key: string; readonly label: string }[] = [
  { key: "desiredCount", label: "desired" },
  { key: "percents", label: "min/max %" },
  { key: "concurrentStarts", label: "starts at once" },
  { key: "pullBudget", label: "budget" },
  ...REPORTED_APIS.map((r) => ({ key: r.api, label: r.abbreviation })),
  { key: "rolloutSeconds", label: "rollout" },
  { key: "verdict", label: "verdict" },
];

/** The compared figures of an upstream account (the report's `upstreamPulls`). */
export const UPSTREAM_FIELDS: readonly { readonly key: string; readonly label: string }[] = [
  { key: "firstDeployPulls", label: "first deploy pulls" },
  { key: "steadyStatePullsPerDay", label: "refreshes per day" },
  { key: "limit", label: "limit" },
  { key: "verdict", label: "verdict" },
];

/** One service's figures by field key; a key is missing when that report does not carry it. */
export type ServiceFigures = Readonly<Record<string, Figure>>;

export interface BudgetSummary {
  readonly services: number;
  readonly refused: number;
  readonly warnings: number;
  readonly slowestRollout: { readonly service: string; readonly seconds: number | null } | null;
}

/** One report, read: services by "stack/service", in report order. */
export interface BudgetSnapshot {
  readonly summary?: BudgetSummary;
  readonly services: ReadonlyMap<string, ServiceFigures>;
  /** By upstream account label; absent in a report from before the upstream pull model. */
  readonly upstream?: ReadonlyMap<string, ServiceFigures>;
}

export interface FieldChange {
  readonly field: string;
  /** Absent on an added service, or when the base's report lacks the figure. */
  readonly before?: Figure;
  readonly after?: Figure;
}

export interface ServiceBudgetChange {
  /** "stack/service". */
  readonly service: string;
  readonly change: "added" | "removed" | "changed";
  /** changed: the fields that moved; added/removed: every figure of the one side. */
  readonly fields: readonly FieldChange[];
  /** changed: every figure of the working tree, for a row that shows the unchanged cells too. */
  readonly after?: ServiceFigures;
}

export interface UpstreamPullChange extends Omit<ServiceBudgetChange, "service"> {
  readonly upstreamAccount: string;
}

export interface BudgetDiff {
  readonly summary: { readonly before?: BudgetSummary; readonly after?: BudgetSummary; readonly changed: boolean };
  /** Only services whose figures moved, sorted by "stack/service" in code-point order. */
  readonly services: readonly ServiceBudgetChange[];
  /** Services on both sides whose figures did not move. */
  readonly unchanged: number;
  /** Upstream accounts whose pulls moved (only when both reports have `upstreamPulls`). */
  readonly upstream: readonly UpstreamPullChange[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function count(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function peakOf(service: Record<string, unknown>, api: string): Figure | undefined {
  const use = isRecord(service.peak) ? service.peak[api] : undefined;
  if (!isRecord(use)) return undefined;
  const calls = count(use.peakCallsPerSecond);
  const share = count(use.share);
  return calls === undefined || share === undefined ? undefined : { calls, share };
}

function figuresOf(service: Record<string, unknown>): ServiceFigures {
  const min = count(service.minimumHealthyPercent);
  const max = count(service.maximumPercent);
  const duration = isRecord(service.rolloutDuration) ? service.rolloutDuration.seconds : undefined;
  const figures: Record<string, Figure | undefined> = {
    desiredCount: count(service.desiredCount),
    percents: min !== undefined && max !== undefined ? `${min}/${max}` : undefined,
    concurrentStarts: count(service.concurrentStarts),
    pullBudget: count(service.pullBudget),
    ...Object.fromEntries(REPORTED_APIS.map((r) => [r.api, peakOf(service, r.api)])),
    // null is a figure: the rollout never finishes (no task can start).
    rolloutSeconds: duration === null ? null : count(duration),
    verdict: text(service.verdict),
  };
  return Object.fromEntries(Object.entries(figures).filter((e): e is [string, Figure] => e[1] !== undefined));
}

function summaryOf(value: unknown): BudgetSummary | undefined {
  if (!isRecord(value)) return undefined;
  const [services, refused, warnings] = [count(value.services), count(value.refused), count(value.warnings)];
  if (services === undefined || refused === undefined || warnings === undefined) return undefined;
  const slow = value.slowestRollout;
  const slowest =
    isRecord(slow) && typeof slow.service === "string" && (slow.seconds === null || count(slow.seconds) !== undefined)
      ? { service: slow.service, seconds: slow.seconds as number | null }
      : null;
  return { services, refused, warnings, slowestRollout: slowest };
}

/**
 * Reads a parsed pull-budget.json. Returns a sentence instead when it is not a report at all (not an
 * object, no `stacks` list); a report with odd entries is read as far as it makes sense.
 */
export function readBudgetReport(json: unknown): BudgetSnapshot | string {
  if (!isRecord(json) || !Array.isArray(json.stacks)) return "not a pull-budget report (no stacks list)";
  const services = new Map<string, ServiceFigures>();
  for (const stack of json.stacks) {
    if (!isRecord(stack) || typeof stack.stack !== "string") continue;
    for (const service of Array.isArray(stack.services) ? stack.services : []) {
      if (isRecord(service) && typeof service.service === "string") services.set(`${stack.stack}/${service.service}`, figuresOf(service));
    }
    // A service its errors kept out of the plan: refused, with no figures.
    for (const service of Array.isArray(stack.unplannedServices) ? stack.unplannedServices : []) {
      if (isRecord(service) && typeof service.service === "string") services.set(`${stack.stack}/${service.service}`, { verdict: "refused (not planned)" });
    }
  }
  const summary = summaryOf(json.summary);
  const upstream = Array.isArray(json.upstreamPulls) ? upstreamOf(json.upstreamPulls) : undefined;
  return { ...(summary ? { summary } : {}), services, ...(upstream ? { upstream } : {}) };
}

function upstreamOf(entries: readonly unknown[]): Map<string, ServiceFigures> {
  const pools = new Map<string, ServiceFigures>();
  for (const e of entries) {
    if (!isRecord(e) || typeof e.upstreamAccount !== "string") continue;
    const limit = e.limit === null ? "none" : isRecord(e.limit) && count(e.limit.pulls) !== undefined && count(e.limit.hours) !== undefined ? `${e.limit.pulls} per ${e.limit.hours} h` : undefined;
    const figures: Record<string, Figure | undefined> = { firstDeployPulls: count(e.firstDeployPulls), steadyStatePullsPerDay: count(e.steadyStatePullsPerDay), limit, verdict: text(e.verdict) };
    pools.set(e.upstreamAccount, Object.fromEntries(Object.entries(figures).filter((f): f is [string, Figure] => f[1] !== undefined)));
  }
  return pools;
}

function same(a: Figure | undefined, b: Figure | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type Fields = typeof BUDGET_FIELDS;

function fieldsOf(figures: ServiceFigures, side: "before" | "after", fields: Fields): FieldChange[] {
  return fields.filter((f) => Object.hasOwn(figures, f.key)).map((f) => ({ field: f.key, [side]: figures[f.key] }));
}

/** Entries by name on both sides: the added, removed and changed ones in code-point order, and how many did not move. */
function compareEntries(base: ReadonlyMap<string, ServiceFigures>, head: ReadonlyMap<string, ServiceFigures>, fields: Fields) {
  const changes: (Omit<ServiceBudgetChange, "service"> & { readonly name: string })[] = [];
  let unchanged = 0;
  for (const name of [...new Set([...base.keys(), ...head.keys()])].sort(byCodePoint)) {
    const before = base.get(name);
    const after = head.get(name);
    if (before === undefined && after !== undefined) changes.push({ name, change: "added", fields: fieldsOf(after, "after", fields) });
    else if (after === undefined && before !== undefined) changes.push({ name, change: "removed", fields: fieldsOf(before, "before", fields) });
    else if (before !== undefined && after !== undefined) {
      const moved = fields
        .filter((f) => !same(before[f.key], after[f.key]))
        .map((f) => ({ field: f.key, ...(Object.hasOwn(before, f.key) ? { before: before[f.key] } : {}), ...(Object.hasOwn(after, f.key) ? { after: after[f.key] } : {}) }));
      if (moved.length === 0) unchanged++;
      else changes.push({ name, change: "changed", fields: moved, after });
    }
  }
  return { changes, unchanged };
}

/** The budget delta from base to head; identical reports give no services and an unchanged summary. */
export function diffBudgets(base: BudgetSnapshot, head: BudgetSnapshot): BudgetDiff {
  const services = compareEntries(base.services, head.services, BUDGET_FIELDS);
  const upstream = base.upstream && head.upstream ? compareEntries(base.upstream, head.upstream, UPSTREAM_FIELDS).changes : [];
  const summary = { ...(base.summary ? { before: base.summary } : {}), ...(head.summary ? { after: head.summary } : {}), changed: JSON.stringify(base.summary ?? null) !== JSON.stringify(head.summary ?? null) };
  return {
    summary,
    services: services.changes.map(({ name, ...rest }) => ({ service: name, ...rest })),
    unchanged: services.unchanged,
    upstream: upstream.map(({ name, ...rest }) => ({ upstreamAccount: name, ...rest })),
  };
}
