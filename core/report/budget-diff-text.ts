/**
 * The pull-budget delta (budget-diff.ts) for people: plain text for the terminal (`npm run diff`)
 * and Markdown for the pull-request comment. Service names come from the config, so the Markdown is
 * built with `md` only (core/markdown.ts escapes each name once). Pure and deterministic.
 */
import { joinMarkdown, md, renderMarkdown, trustedMarkdown, type Markdown } from "../markdown";
import { BUDGET_FIELDS, UPSTREAM_FIELDS, type BudgetDiff, type BudgetSummary, type FieldChange, type Figure, type ServiceBudgetChange, type ServiceFigures, type UpstreamPullChange } from "./budget-diff";
import { BUDGET_COLUMNS_LEGEND } from "./legends";
import { durationText } from "./starts";

const ABSENT = "(absent)";
const SIGN = { added: "+", removed: "-", changed: "~" } as const;
/** Markdown rows say it in words: a leading "+" or "-" reads as a list item where a sign is misplaced. */
const CHANGE_WORD = { added: "new", removed: "removed", changed: "changed" } as const;

function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** A figure as the report's cell shows it: "4 (0.8%)" for calls, "2 min" for a rollout. */
export function figureText(field: string, figure: Figure | undefined): string {
  if (figure === undefined) return ABSENT;
  if (field === "rolloutSeconds") return typeof figure === "number" || figure === null ? durationText(figure) : ABSENT;
  if (figure === null) return ABSENT;
  if (typeof figure === "object") {
    const calls = Number.isInteger(figure.calls) ? String(figure.calls) : figure.calls.toFixed(1);
    return `${calls} (${percent(figure.share)})`;
  }
  return String(figure);
}

function labelOf(field: string): string {
  return [...BUDGET_FIELDS, ...UPSTREAM_FIELDS].find((f) => f.key === field)?.label ?? field;
}

/** A moved figure "before → after"; an added or removed service's figure alone. */
function changeText(c: FieldChange, change: ServiceBudgetChange["change"]): string {
  if (change === "added") return figureText(c.field, c.after);
  if (change === "removed") return figureText(c.field, c.before);
  return `${figureText(c.field, c.before)} → ${figureText(c.field, c.after)}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The report's summary sentence: "14 services, 0 refused, 2 warnings; slowest rollout: prod/web, 18 min". */
export function summaryText(s: BudgetSummary | undefined): string {
  if (!s) return ABSENT;
  const slowest = s.slowestRollout ? `${s.slowestRollout.service}, ${durationText(s.slowestRollout.seconds)}` : "none";
  return `${plural(s.services, "service")}, ${s.refused} refused, ${plural(s.warnings, "warning")}; slowest rollout: ${slowest}`;
}

function summaryChange(diff: BudgetDiff): string {
  const { before, after, changed } = diff.summary;
  return changed ? `${summaryText(before)} → ${summaryText(after)}` : `${summaryText(after)} (unchanged)`;
}

function unchangedText(diff: BudgetDiff): string {
  return `${plural(diff.unchanged, "service")} unchanged`;
}

/**
 * The terminal section, appended to `npm run diff`'s report:
 *
 *     Pull budget (pull-budget.json):
 *       summary: 3 services, ... → 4 services, ...
 *       ~ staging/orders: desired 4 → 6, starts at once 4 → 6, ...
 *       12 services unchanged
 */
export function budgetDiffText(diff: BudgetDiff): string {
  const lines = ["Pull budget (pull-budget.json):", `  summary: ${summaryChange(diff)}`];
  for (const s of diff.services) {
    lines.push(`  ${SIGN[s.change]} ${s.service}${s.change === "removed" ? " (removed)" : s.change === "added" ? " (new)" : ""}: ${s.fields.map((c) => `${labelOf(c.field)} ${changeText(c, s.change)}`).join(", ")}`);
  }
  lines.push(`  ${unchangedText(diff)}`);
  for (const u of diff.upstream) {
    lines.push(`  ${SIGN[u.change]} upstream ${u.upstreamAccount}${u.change === "removed" ? " (removed)" : u.change === "added" ? " (new)" : ""}: ${u.fields.map((c) => `${labelOf(c.field)} ${changeText(c, u.change)}`).join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

function cells(s: ServiceBudgetChange | UpstreamPullChange, fields = BUDGET_FIELDS): Markdown {
  const moved = new Map(s.fields.map((c) => [c.field, c]));
  const figures: ServiceFigures = s.after ?? {};
  return joinMarkdown(
    fields.map((f) => {
      const change = moved.get(f.key);
      if (change) return s.change === "changed" ? md`**${changeText(change, s.change)}**` : md`${changeText(change, s.change)}`;
      return Object.hasOwn(figures, f.key) ? md`${figureText(f.key, figures[f.key])}` : md``;
    }),
    " | ",
  );
}

function headings(fields: typeof BUDGET_FIELDS): Markdown {
  return trustedMarkdown(fields.map((f) => f.label).join(" | "));
}

function rule(fields: typeof BUDGET_FIELDS): Markdown {
  return trustedMarkdown(fields.map(() => "---").join("|"));
}

/**
 * The pull-request comment's section: the summary's change, one row per service that moved (moved
 * cells in bold, "base → this change"), the count of unchanged services, and the column legend.
 */
export function budgetDiffMarkdown(diff: BudgetDiff): string {
  const lines: Markdown[] = [md`**Summary:** ${summaryChange(diff)}.`, md``];
  if (diff.services.length === 0) {
    lines.push(md`No service's pull budget changed (${unchangedText(diff)}).`);
  } else {
    lines.push(md`| change | service | ${headings(BUDGET_FIELDS)} |`, md`|---|---|${rule(BUDGET_FIELDS)}|`);
    for (const s of diff.services) lines.push(md`| ${CHANGE_WORD[s.change]} | ${s.service} | ${cells(s)} |`);
    lines.push(
      md``,
      md`Only services whose figures moved are listed (${unchangedText(diff)}); a changed cell is in bold, base → this change. ${BUDGET_COLUMNS_LEGEND} rollout: waves x time per wave + bake. verdict: ok, warning or refused by the pull budget's rules.`,
    );
  }
  if (diff.upstream.length > 0) {
    lines.push(md``, md`| change | upstream account | ${headings(UPSTREAM_FIELDS)} |`, md`|---|---|${rule(UPSTREAM_FIELDS)}|`);
    for (const u of diff.upstream) lines.push(md`| ${CHANGE_WORD[u.change]} | ${u.upstreamAccount} | ${cells(u, UPSTREAM_FIELDS)} |`);
    lines.push(
      md``,
      md`Upstream accounts whose pulls moved: the caches' own pulls from Docker Hub and other upstreams. first deploy pulls: one per image, architecture and cache, in one window; refreshes per day: one per tag-referenced image, architecture and cache; limit: pulls per window of the account's plan.`,
    );
  }
  return renderMarkdown(lines);
}
