import type { FindingDefinition } from "../model/findings";

/** Markdown table cells and list items are one line; a pipe would split a cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function suppression(d: FindingDefinition): string {
  if (d.suppressible) return `yes: add \`{ rule: ${d.id}, path: <the path printed with it>, reason: <why it is accepted> }\` under \`suppressions\`; the report lists it with the reason`;
  // The only unsuppressible warnings are about the suppressions themselves.
  return d.level === "error" ? "no: fix the config (a suppression naming it is refused with PG-SUPPRESSION-REFUSED)" : "no: it is about the suppressions themselves; apply the fix";
}

function judged(d: FindingDefinition): string {
  return d.raisedWhilePlanning === undefined ? "by a rule of the pack, on the finished plan" : `while planning: ${d.raisedWhilePlanning}`;
}

/**
 * docs/findings.md, generated from the definitions (npm run findings): every finding pullguard
 * reports, errors first, each with what triggers it, why it matters, the fix, and whether it can be
 * suppressed. A test fails when the committed file differs, so it cannot drift from the code.
 */
export function findingsMarkdown(catalogue: readonly FindingDefinition[]): string {
  const ordered = [...catalogue.filter((d) => d.level === "error"), ...catalogue.filter((d) => d.level === "warning")];
  const lines = [
    "# Findings",
    "",
    "<!-- Generated from core/rules/catalogue/ by `npm run findings`; do not edit by hand. -->",
    "",
    "Every finding pullguard reports has an id, printed in brackets after the message on stderr",
    "(`path: message [PG-...]`), in cdktf annotations and in the pull-budget report. **Errors** refuse",
    "the synth; **warnings** are reported and synth goes on. A suppressible finding can be accepted",
    "under `suppressions` with a reason (docs/configuration.md); config errors cannot. Errors in the",
    "config's shape (a missing field, a wrong type) are reported by the config loader with no id.",
    "",
    `${catalogue.length} findings: ${ordered.filter((d) => d.level === "error").length} errors, ${ordered.filter((d) => d.level === "warning").length} warnings.`,
    "",
    "A finding is judged either by a rule of the pack on the finished plan (`core/rules/`), or while",
    "planning, by the planner that meets the input, when the plan cannot hold what it is about (the",
    "entry says why).",
    "",
    "| Id | Level | Suppressible | Judged | Triggered when |",
    "| --- | --- | --- | --- | --- |",
    ...ordered.map((d) => `| [${d.id}](#${d.id.toLowerCase()}) | ${d.level} | ${d.suppressible ? "yes" : "no"} | ${d.raisedWhilePlanning === undefined ? "rule" : "planning"} | ${cell(d.description)} |`),
  ];
  for (const d of ordered) {
    lines.push("", `## ${d.id}`, "", `- **Level:** ${d.level}`, `- **Triggered when:** ${d.description}`, `- **Why:** ${d.why}`, `- **Fix:** ${d.fix}`, `- **Suppressible:** ${suppression(d)}`, `- **Judged:** ${judged(d)}`);
  }
  return `${lines.join("\n")}\n`;
}
