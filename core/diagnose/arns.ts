import { parseArn } from "../../facts/arn";

/** Every ARN in free text (runtime messages, CloudTrail errors), in any partition; text ends an ARN at whitespace, a quote or a comma. */
export function arnsIn(text: string): string[] {
  return (text.match(/\barn:[^\s"',]+/g) ?? []).filter((a) => parseArn(a) !== undefined);
}

/** The Region field of an ARN; undefined for a global resource or text that is no ARN. */
export function regionOfArn(arn: string | undefined): string | undefined {
  const region = arn === undefined ? undefined : parseArn(arn)?.region;
  return region === "" ? undefined : region;
}

/**
 * The cluster an ECS ARN names: `cluster/<name>`, or the middle part of the long-format
 * `task/<cluster>/<id>`, `service/<cluster>/<name>`, `container-instance/<cluster>/<id>`. The
 * short format (`task/<id>`, before 2018) names no cluster.
 */
export function clusterOfArn(arn: string | undefined): string | undefined {
  const parts = arn === undefined ? undefined : parseArn(arn);
  if (!parts || parts.service !== "ecs") return undefined;
  const segments = parts.resource.split("/");
  if (segments[0] === "cluster" && segments.length === 2) return segments[1] || undefined;
  if (["task", "service", "container-instance"].includes(segments[0]) && segments.length === 3) return segments[1] || undefined;
  return undefined;
}

/** A task's id: the last part of its ARN, or the id itself (service events and the agent name tasks by id). */
export function taskIdOf(taskArnOrId: string): string {
  return taskArnOrId.slice(taskArnOrId.lastIndexOf("/") + 1);
}
