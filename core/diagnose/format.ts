import { clock } from "./fix-rollout";
import type { CauseFinding, Diagnosis, DiagnosisWindow, Evidence, Fix } from "./types";

/** Distinct evidence lines shown per cause; the rest are counted (JSON keeps every line). */
export const EVIDENCE_SHOWN = 5;

const SOURCE_LABEL: Readonly<Record<Evidence["source"], string>> = {
  "service-event": "service event",
  "stopped-task": "stopped task",
  cloudtrail: "CloudTrail",
  metric: "AWS/Usage",
  "agent-log": "ECS agent log",
};

const STATUS: Readonly<Record<Fix["status"], string>> = {
  fixed: "the current config already fixes this (apply it)",
  "not-fixed": "the current config does not fix this yet",
  unknown: "the config alone cannot tell whether this is fixed",
};

function windowTitle(w: DiagnosisWindow): string {
  const who = w.service ?? "account-level evidence (no service named)";
  if (!w.start || !w.end) return who;
  const day = w.start.slice(0, 10);
  const end = w.end.slice(0, 10) === day ? clock(w.end) : `${w.end.slice(0, 10)} ${clock(w.end)}`;
  return `${who}  ${day} ${clock(w.start)} to ${end} UTC`;
}

function causeTitle(c: CauseFinding): string {
  const qualifier = c.detail.api ?? c.detail.action;
  const count = c.tasks > 0 ? `${c.tasks} task${c.tasks === 1 ? "" : "s"}` : `${c.evidence.length} event${c.evidence.length === 1 ? "" : "s"}`;
  return `${c.title}${qualifier && !c.title.includes(qualifier) ? ` [${qualifier}]` : ""}: ${count}`;
}

interface EvidenceLine {
  readonly first: Evidence;
  readonly count: number;
}

/** Identical messages (38 tasks throttled the same way) are one line with a count, first occurrence first. */
export function distinctLines(evidence: readonly Evidence[]): EvidenceLine[] {
  const lines = new Map<string, { first: Evidence; count: number }>();
  for (const e of evidence) {
    const key = `${e.source}\u0000${e.origin}\u0000${e.text}`;
    const line = lines.get(key);
    if (line) line.count++;
    else lines.set(key, { first: e, count: 1 });
  }
  return [...lines.values()];
}

function lineText(l: EvidenceLine): string {
  return `${SOURCE_LABEL[l.first.source]}${l.count > 1 ? ` x${l.count}` : ""} (${l.first.origin})`;
}

function when(e: Evidence): string {
  return e.time ? clock(e.time) : "--:--:--";
}

function summary(d: Diagnosis): string {
  const causes = d.windows.reduce((n, w) => n + w.causes.length, 0);
  const unclassified = d.windows.reduce((n, w) => n + w.unclassified.length, 0);
  if (d.windows.length === 0) return "No failures found in the evidence.";
  return `${d.windows.length} window${d.windows.length === 1 ? "" : "s"}, ${causes} cause${causes === 1 ? "" : "s"}, ${unclassified} unclassified line${unclassified === 1 ? "" : "s"}.`;
}

export function formatText(d: Diagnosis): string {
  const out: string[] = [`pullguard diagnose: ${d.inputs.join(", ") || "(no inputs)"}${d.config ? `; config ${d.config}` : "; no config (causes only, no fixes)"}`];
  for (const w of d.warnings) out.push(`warning: ${w}`);
  out.push(summary(d));
  for (const w of d.windows) {
    out.push("", windowTitle(w));
    for (const n of w.notes ?? []) out.push(`  note: ${n}`);
    for (const b of w.bursts) out.push(`  rollout: ${b.tasks} tasks started at ${clock(b.time)}`);
    for (const p of w.usagePeaks) out.push(`  usage: ${p.api} ${p.callsPerMinute} calls in the minute from ${clock(p.time)} (AWS/Usage CallCount)`);
    for (const c of w.causes) {
      out.push(`  ${causeTitle(c)}`);
      const lines = distinctLines(c.evidence);
      for (const l of lines.slice(0, EVIDENCE_SHOWN)) out.push(`    ${when(l.first)}  ${lineText(l)}: ${l.first.text}`);
      if (lines.length > EVIDENCE_SHOWN) out.push(`    ... and ${lines.length - EVIDENCE_SHOWN} more distinct lines`);
      for (const [k, fix] of [c.fix, ...(c.alternatives ?? [])].entries()) {
        if (!fix) continue;
        out.push(`    ${k === 0 ? "fix:" : "or: "} ${fix.configPath}: ${fix.change}`);
        out.push(`         ${fix.explanation}`);
        out.push(`         ${STATUS[fix.status]}`);
      }
    }
    if (w.unclassified.length > 0) {
      out.push(`  unclassified: ${w.unclassified.length} line${w.unclassified.length === 1 ? "" : "s"} no rule recognises`);
      for (const l of distinctLines(w.unclassified)) out.push(`    ${when(l.first)}  ${lineText(l)}: ${l.first.text}`);
    }
    if (w.runbook) {
      out.push(`  runbook: ${w.runbook.command}`);
      for (const n of w.runbook.notes) out.push(`           ${n}`);
    }
  }
  return `${out.join("\n")}\n`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Inline code in Markdown: a backtick inside would end the span. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function formatMarkdown(d: Diagnosis): string {
  const out: string[] = ["# pullguard diagnosis", "", `Inputs: ${d.inputs.map(code).join(", ") || "none"}. Config: ${d.config ? code(d.config) : "none (causes only, no fixes)"}.`, "", summary(d)];
  for (const w of d.warnings) out.push("", `> warning: ${w}`);
  for (const w of d.windows) {
    out.push("", `## ${windowTitle(w).replace(/ {2}/, " — ")}`);
    for (const n of w.notes ?? []) out.push("", `> note: ${n}`);
    if (w.bursts.length > 0 || w.usagePeaks.length > 0) out.push("");
    for (const b of w.bursts) out.push(`- Rollout: ${b.tasks} tasks started at ${clock(b.time)}`);
    for (const p of w.usagePeaks) out.push(`- Usage: ${p.api} ${p.callsPerMinute} calls in the minute from ${clock(p.time)}`);
    for (const c of w.causes) {
      out.push("", `### ${causeTitle(c)}`, "");
      const lines = distinctLines(c.evidence);
      for (const l of lines.slice(0, EVIDENCE_SHOWN)) out.push(`- ${when(l.first)} ${lineText(l)}: ${code(l.first.text)}`);
      if (lines.length > EVIDENCE_SHOWN) out.push(`- … and ${lines.length - EVIDENCE_SHOWN} more distinct lines`);
      for (const [k, fix] of [c.fix, ...(c.alternatives ?? [])].entries()) {
        if (fix) out.push("", `**${k === 0 ? "Fix" : "Or"}:** ${code(fix.configPath)}: ${fix.change}.`, "", `${sentence(fix.explanation)}.`, "", `**Current config:** ${STATUS[fix.status]}.`);
      }
    }
    if (w.unclassified.length > 0) {
      out.push("", `### Unclassified: ${w.unclassified.length}`, "");
      for (const l of distinctLines(w.unclassified)) out.push(`- ${when(l.first)} ${lineText(l)}: ${code(l.first.text)}`);
    }
    if (w.runbook) out.push("", `### Runbook`, "", "```sh", w.runbook.command, "```", "", ...w.runbook.notes.map((n) => `- ${sentence(n)}.`));
  }
  return `${out.join("\n")}\n`;
}

export function formatJson(d: Diagnosis): string {
  return `${JSON.stringify(d, null, 2)}\n`;
}
