import { gunzipSync } from "node:zlib";
import type { Evidence } from "../types";
import { isCloudTrailLog, isLookupEvents, readCloudTrailLog, readLookupEvents } from "./cloudtrail";
import { isDescribeServices, readServiceEvents } from "./describe-services";
import { isDescribeTasks, readStoppedTasks } from "./describe-tasks";
import { isMetricData, readMetricData } from "./metric-data";
import { isRecord, parseTolerantJson } from "./tolerant-json";

export type EvidenceFormat = "describe-services" | "describe-tasks" | "cloudtrail-lookup-events" | "cloudtrail-log" | "get-metric-data";

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

const EXPECTED = "an `aws ecs describe-services`, `aws ecs describe-tasks`, CloudTrail (`lookup-events` or log file) or `aws cloudwatch get-metric-data` export";

/** Reads one already-parsed document (the --live path hands SDK responses straight here). */
export function readDocument(doc: unknown, origin: string): ReadResult {
  const match = FORMATS.find((f) => f.test(doc));
  if (!match) {
    const keys = isRecord(doc) ? Object.keys(doc).slice(0, 5).join(", ") : Array.isArray(doc) ? "an array" : typeof doc;
    return { ok: false, problem: `${origin}: is not ${EXPECTED} (found ${keys === "" ? "an empty object" : keys})` };
  }
  return { ok: true, format: match.format, evidence: match.read(doc, origin) };
}

/** Reads one file's bytes: JSON (possibly truncated) or gzip'd JSON (CloudTrail delivers .json.gz). */
export function readEvidenceFile(bytes: Buffer, origin: string): ReadResult {
  let text: string;
  try {
    text = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString("utf8") : bytes.toString("utf8");
  } catch (error) {
    return { ok: false, problem: `${origin}: is gzip but cannot be decompressed (${(error as Error).message})` };
  }
  const parsed = parseTolerantJson(text);
  if (!parsed.ok) return { ok: false, problem: `${origin}: ${parsed.reason}; expected ${EXPECTED}` };
  const read = readDocument(parsed.value, origin);
  if (!read.ok || !parsed.truncated) return read;
  return { ...read, warning: `${origin}: is truncated; read the ${read.evidence.length} complete entr${read.evidence.length === 1 ? "y" : "ies"} before the cut` };
}
