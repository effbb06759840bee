/**
 * The human-readable report of `npm run diff`: one section per changed stack, one line per
 * changed block and attribute, then the summary line. Values are JSON-encoded and long ones are
 * cut around their first difference, so a changed policy line stays readable in a PR comment.
 */
import { summarize, type ResourceCounts, type StackDiff } from "./tf-json-diff";
import type { AttributeChange, Change } from "./tf-json-diff-values";

/** Longest rendered value; longer ones are cut around their first difference from the other side. */
export const MAX_VALUE_CHARS = 200;
/** How much of a cut value is kept before its first difference. */
const CONTEXT_CHARS = 60;

/** `text` cut to MAX_VALUE_CHARS around `focus`, with `…` where something was cut. */
export function clip(text: string, focus: number): string {
  if (text.length <= MAX_VALUE_CHARS) return text;
  const start = Math.max(0, Math.min(focus - CONTEXT_CHARS, text.length - MAX_VALUE_CHARS));
  const end = start + MAX_VALUE_CHARS;
  return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
}

function encode(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** One attribute line, without its indentation: `path: before → after`. */
export function formatAttribute(change: AttributeChange): string {
  const path = change.path === "" ? "(value)" : change.path;
  switch (change.change) {
    case "added":
      return `${path}: (absent) → ${clip(encode(change.after), 0)}`;
    case "removed":
      return `${path}: ${clip(encode(change.before), 0)} → (absent)`;
    case "reformatted":
      return `${path}: JSON text reformatted, same document`;
    case "changed": {
      const a = encode(change.before);
      const b = encode(change.after);
      const focus = commonPrefix(a, b);
      return `${path}: ${clip(a, focus)} → ${clip(b, focus)}`;
    }
  }
}

const SIGN: Record<Change, string> = { added: "+", removed: "-", changed: "~" };

function formatCounts(counts: ResourceCounts): string {
  return `+${counts.added} ~${counts.changed} -${counts.removed} resources`;
}

export function summaryLine(diffs: readonly StackDiff[]): string {
  const { stacksChanged, resources } = summarize(diffs);
  return `${stacksChanged} stacks changed: ${formatCounts(resources)}`;
}

/**
 * Human-readable report, one section per changed stack, then `sections` (each ending in a newline:
 * the pull budget's change, from scripts/diff.ts), then the summary line
 * `N stacks changed: +A ~C -R resources`, always last.
 */
export function formatDiff(diffs: readonly StackDiff[], sections: readonly string[] = []): string {
  const lines: string[] = [];
  if (diffs.length === 0) lines.push("No changes in synthesized stacks.");
  for (const diff of diffs) {
    const what = diff.change === "added" ? "new stack, " : diff.change === "removed" ? "stack removed, " : "";
    lines.push(`${SIGN[diff.change]} stack ${diff.stack} (${what}${formatCounts(diff.resources)})`);
    if (diff.change === "removed") {
      lines.push("    note: dropping a stack from the output destroys nothing; run terraform destroy on it first, or its resources stay in AWS unmanaged");
    }
    for (const block of diff.blocks) {
      lines.push(`  ${SIGN[block.change]} ${block.address}`);
      for (const attribute of block.attributes) lines.push(`      ${formatAttribute(attribute)}`);
    }
    lines.push("");
  }
  if (diffs.length === 0) lines.push("");
  for (const section of sections) lines.push(section);
  lines.push(summaryLine(diffs));
  return `${lines.join("\n")}\n`;
}
