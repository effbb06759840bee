import { taskIdOf } from "./arns";
import type { Evidence } from "./types";

/**
 * Evidence about one task from several sources is one task: an agent log line names the task by id
 * or ARN but not its service, describe-tasks names both. Lines without a service take the service,
 * full ARN, Region and cluster of the same task from the other sources, so they land in its window
 * and count once. A task id claimed by two services (never in one export) is left alone.
 */
export function joinByTask(evidence: readonly Evidence[]): Evidence[] {
  const known = new Map<string, Evidence | null>();
  for (const e of evidence) {
    if (e.service === undefined || e.taskArn === undefined) continue;
    const id = taskIdOf(e.taskArn);
    const seen = known.get(id);
    if (seen === undefined) known.set(id, e);
    else if (seen !== null && seen.service !== e.service) known.set(id, null);
    else if (seen !== null && !seen.taskArn?.startsWith("arn:") && e.taskArn.startsWith("arn:")) known.set(id, e);
  }
  return evidence.map((e) => {
    if (e.service !== undefined || e.taskArn === undefined) return e;
    const other = known.get(taskIdOf(e.taskArn));
    if (!other) return e;
    return {
      ...e,
      service: other.service,
      ...(other.taskArn?.startsWith("arn:") ? { taskArn: other.taskArn } : {}),
      ...(e.region === undefined && other.region !== undefined ? { region: other.region } : {}),
      ...(e.cluster === undefined && other.cluster !== undefined ? { cluster: other.cluster } : {}),
    };
  });
}
