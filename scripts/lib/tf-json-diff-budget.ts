/**
 * The pull-budget part of `npm run diff`: reads each side's `pull-budget.json` and compares them
 * (core/report/budget-diff.ts). A side without a readable report gets a note, and the stacks are
 * still compared.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { diffBudgets, readBudgetReport, type BudgetDiff, type BudgetSnapshot } from "../../core/report";

/** One side's output directory and how the notes name it (`base`, `--head-dir`, ...). */
export interface BudgetSide {
  readonly dir: string;
  readonly label: string;
}

/**
 * `<dir>/pull-budget.json`, read. Absent (an output from before the report existed, a directory of
 * stacks only) or unreadable, the budget is not compared and a note says why: the stacks diff
 * still stands.
 */
export function readBudget(dir: string, label: string, notes: string[]): BudgetSnapshot | undefined {
  const file = join(dir, "pull-budget.json");
  if (!existsSync(file)) {
    notes.push(`${label} has no pull-budget.json: the pull budget is not compared`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    notes.push(`${label}: cannot read pull-budget.json (${(error as Error).message}): the pull budget is not compared`);
    return undefined;
  }
  const budget = readBudgetReport(parsed);
  if (typeof budget === "string") {
    notes.push(`${label}: pull-budget.json is ${budget}: the pull budget is not compared`);
    return undefined;
  }
  return budget;
}

/** The pull budget's change, when both sides have a readable pull-budget.json; otherwise undefined, with notes saying why. */
export function budgetDiffOf(base: BudgetSide, head: BudgetSide, notes: string[]): BudgetDiff | undefined {
  const before = readBudget(base.dir, base.label, notes);
  const after = readBudget(head.dir, head.label, notes);
  return before && after ? diffBudgets(before, after) : undefined;
}
