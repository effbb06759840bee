/** The pull-budget report (Markdown and JSON) and its task-start lines. What the rest of the project may import from here. */
export * from "./report";
export { deployOrderLine } from "./first-apply";
export { diffBudgets, readBudgetReport, type BudgetDiff, type BudgetSnapshot } from "./budget-diff";
export { budgetDiffMarkdown, budgetDiffText } from "./budget-diff-text";
export { stampedPullBudgetJson, stampedPullBudgetMarkdown, type OutputStamp } from "./stamp";
