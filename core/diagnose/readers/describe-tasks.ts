import type { Evidence } from "../types";
import { clusterOfArn, regionOfArn } from "../arns";
import { optional } from "./describe-services";
import { isoTime, isRecord, str } from "./tolerant-json";

/** `aws ecs describe-tasks` output: { tasks: [...], failures: [...] }. */
export function isDescribeTasks(doc: unknown): boolean {
  return isRecord(doc) && Array.isArray(doc.tasks) && (doc.tasks.length === 0 || doc.tasks.some((t) => isRecord(t) && "taskArn" in t));
}

/**
 * One evidence line per stopped task: stoppedReason plus every distinct container reason (the
 * container reason often carries the registry's own words while stoppedReason says only "Task
 * failed to start"). Running tasks are no evidence of a failure and are skipped.
 */
export function readStoppedTasks(doc: unknown, origin: string): Evidence[] {
  if (!isRecord(doc) || !Array.isArray(doc.tasks)) return [];
  const out: Evidence[] = [];
  for (const task of doc.tasks) {
    if (!isRecord(task)) continue;
    const reasons: string[] = [];
    const stopped = str(task.stoppedReason);
    if (stopped) reasons.push(stopped);
    if (Array.isArray(task.containers)) {
      for (const c of task.containers) {
        const reason = isRecord(c) ? str(c.reason) : undefined;
        if (reason && !reasons.includes(reason)) reasons.push(reason);
      }
    }
    if (reasons.length === 0) continue;
    const group = str(task.group);
    out.push({
      source: "stopped-task",
      origin,
      text: reasons.join(" | "),
      ...optional("time", isoTime(task.stoppedAt) ?? isoTime(task.stoppingAt) ?? isoTime(task.createdAt)),
      ...optional("createdAt", isoTime(task.createdAt) ?? isoTime(task.startedAt)),
      ...optional("service", group?.startsWith("service:") ? group.slice("service:".length) : undefined),
      ...optional("taskArn", str(task.taskArn)),
      ...optional("region", regionOfArn(str(task.taskArn))),
      ...optional("cluster", clusterOfArn(str(task.clusterArn)) ?? clusterOfArn(str(task.taskArn))),
    });
  }
  return out;
}
