import { gunzipSync } from "node:zlib";
import type { Evidence } from "../types";
import { cutText, isAgentLog, MAX_TEXT_CHARS, readAgentLog } from "./agent-log";
import { isCloudTrailLog, isLookupEvents, readCloudTrailLog, readLookupEvents } from "./cloudtrail";
import { isDescribeServices, readServiceEvents } from "./describe-services";
import { isDescribeTasks, readStoppedTasks } from "./describe-tasks";
import { isMetricData, readMetricData } from "./metric-data";
import { isRecord, parseTolerantJson } from "./tolerant-json";

export type EvidenceFormat = "describe-services" | "describe-tasks" | "cloudtrail-lookup-events" | "cloudtrail-log" | "get-metric-data" | "ecs-agent-log";

export type ReadResult =
  | { readonly ok: true; readonly format: EvidenceFormat; readonly evidence: readonly Evidence[]; readonly warning?: string }
  | { readonly ok: false; readonly problem: string };

const FORMATS: readonly { format: EvidenceFormat; test: (doc: unknown) => boolean; read: (doc: unknown, origin: string) => Evidence[] }[] = [
  { format: "describe-services", test: isDescribeServices, read: readServiceEvents },
  { format: "describe-tasks", test: isDescribeTasks, read: readStoppedTasks },
  { format: "cloudtrail-lookup-events", test: isLookupEvents, read: readLookupEvents },
  { format: "cloudtrail-log", test: isCloudTrailLog, read: readCloudTrailLog },
  { format: "get-metric-data", test: isMetricData, read: readMetricData },
];

const EXPECTED = "an `aws ecs describe-services`, `aws ecs describe-tasks`, CloudTrail (`lookup-events` or log file) or `aws cloudwatch get-metric-data` export, or an ECS agent log (/var/log/ecs/ecs-agent.log)";

/**
 * A gzip'd file may decompress to far more than its size (a zip bomb): decompression stops here.
 * CloudTrail delivers files of a few MB; an hour of agent log at the default level is far below it.
 */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** A name shown in a one-line problem: a key of a hostile document can be megabytes long. */
function shown(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** Reads one already-parsed document (the --live path hands SDK responses straight here). */
export function readDocument(doc: unknown, origin: string): ReadResult {
  const match = FORMATS.find((f) => f.test(doc));
  if (!match) {
    const keys = isRecord(doc) ? Object.keys(doc).slice(0, 5).map(shown).join(", ") : Array.isArray(doc) ? "an array" : typeof doc;
    return { ok: false, problem: `${origin}: is not ${EXPECTED} (found ${keys === "" ? "an empty object" : keys})` };
  }
  // Every rule's regex runs over the text: a 10 MB stoppedReason is cut like an agent line.
  return { ok: true, format: match.format, evidence: match.read(doc, origin).map((e) => (e.text.length > MAX_TEXT_CHARS ? { ...e, text: cutText(e.text) } : e)) };
}

/** Control characters other than tab and line ends, or bytes that are no UTF-8, mark a binary file. */
function looksBinary(text: string): boolean {
  const head = text.slice(0, 64 * 1024);
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffd) odd++;
  }
  return odd > head.length / 10;
}

/**
 * Reads one file's bytes: JSON (possibly truncated), or an ECS agent log, either possibly gzip'd
 * (CloudTrail delivers .json.gz; rotated logs get compressed). Gzip is told by its magic bytes,
 * not the file name.
 */
export function readEvidenceFile(bytes: Buffer, origin: string, maxDecompressedBytes = MAX_DECOMPRESSED_BYTES): ReadResult {
  let text: string;
  try {
    text = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes, { maxOutputLength: maxDecompressedBytes }).toString("utf8") : bytes.toString("utf8");
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) {
      return { ok: false, problem: `${origin}: is gzip that decompresses to more than ${maxDecompressedBytes / 1024 / 1024} MiB; refused (decompress it and pass the part around the failure)` };
    }
    return { ok: false, problem: `${origin}: is gzip but cannot be decompressed (${e.message.split("\n")[0]})` };
  }
  const body = text.replace(/^\uFEFF/, "").trimStart();
  if (body !== "" && body[0] !== "{" && body[0] !== "[") {
    if (looksBinary(body)) return { ok: false, problem: `${origin}: is binary data; expected ${EXPECTED}` };
    if (!isAgentLog(body)) return { ok: false, problem: `${origin}: is neither JSON nor an ECS agent log (no \`level=... time=...\` or \`<time> [LEVEL]\` line among its first lines); expected ${EXPECTED}` };
    const read = readAgentLog(body, origin);
    const foreign = read.foreignLines;
    return { ok: true, format: "ecs-agent-log", evidence: read.evidence, ...(foreign > 0 ? { warning: `${origin}: skipped ${foreign} line${foreign === 1 ? " that is no ECS agent log line" : "s that are no ECS agent log lines"}` } : {}) };
  }
  const parsed = parseTolerantJson(text);
  if (!parsed.ok) return { ok: false, problem: `${origin}: ${parsed.reason}; expected ${EXPECTED}` };
  const read = readDocument(parsed.value, origin);
  if (!read.ok || !parsed.truncated) return read;
  return { ...read, warning: `${origin}: is truncated; read the ${read.evidence.length} complete entr${read.evidence.length === 1 ? "y" : "ies"} before the cut` };
}
