import { taskIdOf } from "./arns";
import { classifyAll } from "./classify";
import { accessFixes } from "./fix-access";
import { fixFor } from "./fixes";
import { asCacheForbidden, PTC_FORBIDDEN } from "./causes/registry-access";
import { byCodePoint } from "../sort";
import { groupIntoWindows, type WindowDraft } from "./group";
import { joinByTask } from "./task-join";
import { locate } from "./locate";
import type { PlanLink } from "./plan-link";
import { runbookFor } from "./runbook";
import type { CauseFinding, ClassifiedEvidence, Diagnosis, DiagnosisWindow, Evidence, RolloutBurst, UsagePeak } from "./types";

export interface DiagnoseOptions {
  /** The current config's plan; without it causes are found but no fix is computed. */
  readonly link?: PlanLink;
  /** Narrows the plan lookup when a service name exists in several environments. */
  readonly environment?: string;
  readonly inputs?: readonly string[];
  readonly warnings?: readonly string[];
  readonly config?: string;
}

/** Task start bursts: "has started N tasks" events, and stopped tasks created in the same second. */
function burstsOf(items: readonly ClassifiedEvidence[]): RolloutBurst[] {
  // ECS reports one placement batch per event; batches in the same second are one burst.
  const started = new Map<string, number>();
  for (const { evidence: e } of items) if (e.startedTasks !== undefined && e.time) started.set(e.time, (started.get(e.time) ?? 0) + e.startedTasks);
  const bursts: RolloutBurst[] = [...started].map(([time, tasks]) => ({ time, tasks }));
  const created = new Map<string, Set<string>>();
  for (const { evidence: e } of items) {
    if (e.source !== "stopped-task" || !e.createdAt || !e.taskArn) continue;
    created.set(e.createdAt, (created.get(e.createdAt) ?? new Set()).add(e.taskArn));
  }
  for (const [time, tasks] of created) if (tasks.size > 1 && !bursts.some((b) => b.time === time && b.tasks >= tasks.size)) bursts.push({ time, tasks: tasks.size });
  return bursts.sort((a, b) => byCodePoint(a.time, b.time) || b.tasks - a.tasks);
}

function usagePeaksOf(items: readonly ClassifiedEvidence[]): UsagePeak[] {
  const peaks = new Map<string, UsagePeak>();
  for (const { evidence: e } of items) {
    if (!e.metric || !e.time) continue;
    const current = peaks.get(e.metric.api);
    if (!current || e.metric.callsPerMinute > current.callsPerMinute) peaks.set(e.metric.api, { api: e.metric.api, time: e.time, callsPerMinute: e.metric.callsPerMinute });
  }
  return [...peaks.values()].sort((a, b) => byCodePoint(a.api, b.api));
}

function findingsOf(draft: WindowDraft, bursts: readonly RolloutBurst[], options: DiagnoseOptions, notes: Set<string>): CauseFinding[] {
  const groups = new Map<string, ClassifiedEvidence[]>();
  for (const item of draft.items) {
    const c = item.classification;
    if (c.kind !== "cause") continue;
    const key = `${c.rule.id}\u0000${c.detail.api ?? ""}\u0000${c.detail.action ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const findings: CauseFinding[] = [];
  for (const items of groups.values()) {
    const first = items[0].classification;
    if (first.kind !== "cause") continue;
    const evidence = items.map((i) => i.evidence).sort(evidenceOrder);
    // By task id: the agent and service events name a task by id, describe-tasks by ARN.
    const tasks = new Set(evidence.flatMap((e) => (e.source !== "cloudtrail" && e.taskArn ? [taskIdOf(e.taskArn)] : []))).size;
    const detail = items.map((i) => (i.classification.kind === "cause" ? i.classification.detail : {})).reduce((a, d) => ({ ...d, ...a }), first.detail);
    const located = locate(options.link, options.environment, draft.service, [items, draft.items]);
    for (const note of located.notes) notes.add(note);
    const link = located.link;
    const input = link ? { id: first.rule.id, detail, link, bursts, text: evidence[0].text } : undefined;
    const single = input ? fixFor(input) : undefined;
    const [fix, ...alternatives] = input ? (accessFixes(input) ?? (single ? [single] : [])) : [];
    findings.push({ id: first.rule.id, family: first.rule.family, title: first.rule.title, detail, tasks, evidence, ...(fix ? { fix } : {}), ...(alternatives.length > 0 ? { alternatives } : {}) });
  }
  return findings.sort((a, b) => b.tasks - a.tasks || b.evidence.length - a.evidence.length || byCodePoint(a.id, b.id));
}

function evidenceOrder(a: Evidence, b: Evidence): number {
  return (
    byCodePoint(a.time ?? "", b.time ?? "") ||
    byCodePoint(a.source, b.source) ||
    byCodePoint(a.text, b.text) ||
    byCodePoint(a.origin, b.origin) ||
    byCodePoint(a.taskArn ?? "", b.taskArn ?? "")
  );
}

/** Evidence in, diagnosis out: per service and window, the causes with their evidence and fix. */
/** A 403 on a repository under one of the config's own cache prefixes (Azure, ECR-to-ECR) is a cache 403. */
function withConfigCachePrefixes(items: ClassifiedEvidence[], options: DiagnoseOptions): ClassifiedEvidence[] {
  const prefixes = [...new Set((options.link?.locations ?? []).flatMap((l) => l.cachePrefixes))];
  return items.map((item) => {
    const c = item.classification;
    if (c.kind !== "cause" || c.rule.id !== "ecr-forbidden") return item;
    const detail = asCacheForbidden(c.detail, prefixes);
    return detail ? { evidence: item.evidence, classification: { kind: "cause", rule: PTC_FORBIDDEN, detail } } : item;
  });
}

export function diagnose(evidence: readonly Evidence[], options: DiagnoseOptions = {}): Diagnosis {
  const windows: DiagnosisWindow[] = groupIntoWindows(withConfigCachePrefixes(classifyAll(joinByTask(evidence)), options)).map((draft) => {
    const bursts = burstsOf(draft.items);
    const window = locate(options.link, options.environment, draft.service, [draft.items]);
    const notes = new Set(window.notes);
    const causes = findingsOf(draft, bursts, options, notes);
    const unclassified = draft.items.filter((i) => i.classification.kind === "unclassified").map((i) => i.evidence).sort(evidenceOrder);
    const runbook = runbookFor(draft.items, causes.map((c) => c.family), unclassified.length, window.link);
    return {
      ...(draft.service !== undefined ? { service: draft.service } : {}),
      ...(draft.start !== undefined ? { start: draft.start } : {}),
      ...(draft.end !== undefined ? { end: draft.end } : {}),
      bursts,
      causes,
      unclassified,
      usagePeaks: usagePeaksOf(draft.items),
      // Sorted: the findings that add notes come in evidence order, and output must not depend on it.
      ...(notes.size > 0 ? { notes: [...notes].sort(byCodePoint) } : {}),
      ...(runbook ? { runbook } : {}),
    };
  });
  return {
    inputs: options.inputs ?? [],
    warnings: options.warnings ?? [],
    ...(options.config !== undefined ? { config: options.config } : {}),
    windows,
  };
}
