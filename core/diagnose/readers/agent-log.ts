import { clusterOfArn, regionOfArn } from "../arns";
import type { Evidence } from "../types";
import { optional } from "./describe-services";
import { isoTime } from "./tolerant-json";

/**
 * ECS container agent logs (/var/log/ecs/ecs-agent.log on EC2 container instances). Two line formats:
 * - logfmt, agents since structured logging on top of seelog (github.com/aws/amazon-ecs-agent/pull/2709,
 *   2020-11): `level=error time=2023-03-13T15:08:12Z msg="..." image="..." error="..." task="<id>"`;
 *   the field names (`task` is the task id, `taskARN` the ARN, `cluster`) are
 *   ecs-agent/logger/field/constants.go; pull failures log "Failed to pull image for container" and
 *   "Failed to fetch image manifest from registry" (agent/engine/docker_task_engine.go).
 * - seelog, older agents: `2016-08-23T16:00:05Z [INFO] Error while pulling container; will try to run
 *   anyways module="TaskEngine" task="<family>:27 arn:aws:ecs:...:task/<id>, ..." err="ThrottlingException: ..."`
 *   (github.com/aws/amazon-ecs-agent/issues/498). Those agents logged pull failures at INFO
 *   (github.com/aws/amazon-ecs-agent/issues/949), so the level alone does not pick the failures.
 * A line is evidence when it reports a failure and is about a pull, an image, a registry, a secret or
 * a task; everything else in an agent log (registration, telemetry, state saves) is skipped.
 */

/** Only this much of a line is parsed: a 10 MB line must not cost 10 MB of regex work per rule. */
const MAX_LINE_CHARS = 64 * 1024;
/** Evidence text is cut here: the report quotes it, and every rule's regex runs over it. */
export const MAX_TEXT_CHARS = 4096;
/** Lines looked at to decide whether a file is an agent log at all. */
const SNIFF_LINES = 50;

const SEELOG = /^\s*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))\s+\[([A-Za-z]+)\]\s?/;
const FAILURE = /error|fail|denied|unauthori[sz]ed|forbidden|timeout|timed out|deadline exceeded|too ?many ?requests|throttl|rate exceeded|not found|no basic auth|cannot|unable/i;
const ABOUT_PULLS = /pull|image|registry|\.ecr\.|ecr:|docker|manifest|credential|auth|secret|ssm|asm|toomanyrequests|task/i;
const TASK_ARN = /\barn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task\/[A-Za-z0-9_/-]+/;

/** `key=value key2="quoted \"value\""`, in one pass; an unterminated quote runs to the end of the line. */
export function parseLogfmt(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && (line[i] === " " || line[i] === "\t")) i++;
    const keyStart = i;
    while (i < n && line[i] !== "=" && line[i] !== " " && line[i] !== "\t") i++;
    if (i >= n || line[i] !== "=") continue;
    const key = line.slice(keyStart, i);
    i++;
    let value: string;
    if (line[i] === '"') {
      i++;
      const parts: string[] = [];
      let from = i;
      while (i < n && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < n) {
          parts.push(line.slice(from, i));
          const c = line[i + 1];
          parts.push(c === "n" || c === "t" || c === "r" ? " " : c);
          i += 2;
          from = i;
        } else i++;
      }
      parts.push(line.slice(from, i));
      value = parts.join("");
      i++;
    } else {
      const from = i;
      while (i < n && line[i] !== " " && line[i] !== "\t") i++;
      value = line.slice(from, i);
    }
    if (key !== "" && !fields.has(key)) fields.set(key, value);
  }
  return fields;
}

interface AgentLine {
  readonly level: string;
  readonly time?: string;
  readonly text: string;
  readonly task?: string;
  readonly cluster?: string;
}

function fromLogfmt(line: string): AgentLine | undefined {
  if (!/(?:^|\s)level=/.test(line)) return undefined;
  const f = parseLogfmt(line);
  const level = f.get("level");
  if (level === undefined || !f.has("time")) return undefined;
  const message = f.get("msg") ?? "";
  const error = f.get("error") ?? f.get("err") ?? f.get("reason");
  const image = f.get("image");
  let text = error ? `${message}: ${error}` : message;
  if (image && !text.includes(image)) text += ` (image ${image})`;
  const task = f.get("taskARN") ?? TASK_ARN.exec(text)?.[0] ?? f.get("task");
  return { level: level.toLowerCase(), ...optional("time", isoTime(f.get("time"))), text: text.trim(), ...optional("task", task || undefined), ...optional("cluster", f.get("cluster") || undefined) };
}

function fromSeelog(line: string): AgentLine | undefined {
  const m = SEELOG.exec(line);
  if (!m) return undefined;
  const text = line.slice(m[0].length).trim();
  return { level: m[2].toLowerCase(), ...optional("time", isoTime(m[1])), text, ...optional("task", TASK_ARN.exec(text)?.[0]) };
}

function parseLine(raw: string): AgentLine | undefined {
  const line = raw.length > MAX_LINE_CHARS ? raw.slice(0, MAX_LINE_CHARS) : raw;
  return fromSeelog(line) ?? fromLogfmt(line);
}

export function cutText(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}… (cut at ${MAX_TEXT_CHARS} characters)` : text;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Whether the text is an agent log: one of its first lines has the logfmt or seelog header. */
export function isAgentLog(text: string): boolean {
  const head = lines(text.slice(0, SNIFF_LINES * MAX_LINE_CHARS)).filter((l) => l.trim() !== "").slice(0, SNIFF_LINES);
  return head.some((l) => parseLine(l) !== undefined);
}

export interface AgentLogRead {
  readonly evidence: Evidence[];
  /** Non-empty lines that were neither an agent log line nor the continuation of one. */
  readonly foreignLines: number;
}

export function readAgentLog(text: string, origin: string): AgentLogRead {
  const evidence: Evidence[] = [];
  let foreignLines = 0;
  let last: { e: Evidence; kept: boolean } | undefined;
  for (const raw of lines(text)) {
    if (raw.trim() === "") continue;
    const parsed = parseLine(raw);
    if (!parsed) {
      // An error value printed with real newlines continues on indented lines: it belongs to the line above.
      if (last && /^\s/.test(raw)) {
        if (last.kept && last.e.text.length < MAX_TEXT_CHARS) {
          const e = { ...last.e, text: cutText(`${last.e.text} ${raw.trim()}`) };
          evidence[evidence.length - 1] = e;
          last = { e, kept: true };
        }
      } else foreignLines++;
      continue;
    }
    const kept = FAILURE.test(parsed.text) && ABOUT_PULLS.test(parsed.text);
    const e: Evidence = {
      source: "agent-log",
      origin,
      text: cutText(parsed.text),
      ...optional("time", parsed.time),
      ...optional("taskArn", parsed.task),
      ...optional("region", regionOfArn(parsed.task)),
      ...optional("cluster", parsed.cluster ?? clusterOfArn(parsed.task)),
    };
    if (kept) evidence.push(e);
    last = { e, kept };
  }
  return { evidence, foreignLines };
}
