import { byCodePoint } from "../sort";
import { regionOfArn, taskIdOf } from "./arns";
import { clock } from "./fix-rollout";
import type { ServiceLink } from "./plan-link";
import type { CauseFamily, ClassifiedEvidence, Evidence, RunbookSuggestion } from "./types";

/**
 * AWSSupport-TroubleshootECSTaskFailedToStart (AWS Systems Manager Automation runbook reference)
 * checks a failed task's network path to its registry, its execution role's permissions, VPC
 * endpoints, security groups and secrets references. Its parameters ClusterName and TaskId (the
 * most recently failed task) are required; it must run in the task's Region; it reads the task from
 * ECS, which keeps a stopped task visible for at least an hour after it stops (ECS developer guide).
 * So diagnose prints the command when the evidence leaves the cause open or points where the
 * runbook looks, with ids from the evidence and never an invented one.
 */
export const RUNBOOK = "AWSSupport-TroubleshootECSTaskFailedToStart";
const WHERE_IT_LOOKS: ReadonlyMap<CauseFamily, string> = new Map<CauseFamily, string>([
  ["network", "the network"],
  ["iam", "IAM"],
  ["resource-initialization", "secrets or registry auth"],
]);
const ONE_HOUR_MS = 3600 * 1000;

/** The most recent failed task: its last failure line (by time, then by id for a stable choice). */
function latestFailedTask(items: readonly ClassifiedEvidence[]): Evidence | undefined {
  const failed = items.filter((i) => i.classification.kind !== "context" && i.evidence.taskArn !== undefined && i.evidence.source !== "cloudtrail").map((i) => i.evidence);
  return failed.sort((a, b) => byCodePoint(b.time ?? "", a.time ?? "") || byCodePoint(b.taskArn ?? "", a.taskArn ?? ""))[0];
}

export function runbookFor(items: readonly ClassifiedEvidence[], families: readonly CauseFamily[], unclassified: number, link: ServiceLink | undefined): RunbookSuggestion | undefined {
  const pointsAt = [...new Set(families.flatMap((f) => (WHERE_IT_LOOKS.has(f) ? [WHERE_IT_LOOKS.get(f) as string] : [])))];
  if (unclassified === 0 && pointsAt.length === 0) return undefined;
  const task = latestFailedTask(items);
  const clusters = [...new Set(items.flatMap((i) => (i.evidence.cluster ? [i.evidence.cluster] : [])))].sort(byCodePoint);
  const cluster = task?.cluster ?? (clusters.length === 1 ? clusters[0] : undefined) ?? link?.clusterName;
  const region = task?.region ?? regionOfArn(task?.taskArn) ?? link?.region;
  const taskId = task?.taskArn !== undefined ? taskIdOf(task.taskArn) : undefined;
  const command = `aws ssm start-automation-execution --document-name ${RUNBOOK} --parameters ClusterName=${cluster ?? "<cluster>"},TaskId=${taskId ?? "<task-id>"}${region ? ` --region ${region}` : ""}`;
  const why = [unclassified > 0 ? `${unclassified} line${unclassified === 1 ? "" : "s"} no rule recognises` : "", pointsAt.length > 0 ? `evidence that points at ${pointsAt.join(", ")}` : ""].filter((w) => w !== "").join(" and ");
  const notes = [`for ${why}: the runbook checks the task's path to its registry, the execution role's permissions, VPC endpoints, security groups and secrets references`];
  if (cluster === undefined) notes.push(`the evidence names no cluster${clusters.length > 1 ? ` of the task (it names ${clusters.join(", ")})` : ""}: fill in ClusterName`);
  else if (task?.cluster === undefined && clusters.length !== 1) notes.push(`ClusterName ${cluster} is the config's cluster for this service; the evidence names none`);
  if (taskId === undefined) notes.push(`the evidence names no task id: fill in TaskId with the id of the most recent failed task (aws ecs list-tasks --cluster ${cluster ?? "<cluster>"} --desired-status STOPPED)`);
  if (region === undefined) notes.push("the evidence names no Region: add --region with the cluster's Region (the runbook runs in the task's Region)");
  if (task?.time !== undefined) {
    const until = new Date(Date.parse(task.time) + ONE_HOUR_MS).toISOString();
    notes.push(`ECS shows a stopped task for at least an hour after it stops, then forgets it, and the runbook reads the task from ECS: task ${taskId}'s last evidence is at ${clock(task.time)} UTC, so run it before about ${clock(until)} UTC`);
  } else notes.push("ECS shows a stopped task for at least an hour after it stops, then forgets it, and the runbook reads the task from ECS: run it soon after the failure");
  return { command, notes };
}
