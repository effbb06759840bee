import type { Evidence } from "../types";
import { optional } from "./describe-services";
import { isoTime, isRecord, str } from "./tolerant-json";

/**
 * `aws cloudtrail lookup-events` output: { Events: [{ EventName, EventTime, CloudTrailEvent: "<json>" }] },
 * or the bare array a `--query 'Events[?contains(CloudTrailEvent, `ThrottlingException`)]'` prints
 * (the query in "Stopping ECR Image Pull Throttling From Killing Your ECS Deployments").
 */
export function isLookupEvents(doc: unknown): boolean {
  if (isRecord(doc)) return Array.isArray(doc.Events);
  return Array.isArray(doc) && doc.length > 0 && doc.every((e) => isRecord(e) && typeof e.EventName === "string" && "CloudTrailEvent" in e);
}

/** CloudTrail log files delivered to S3: { Records: [{ eventTime, eventSource, eventName, errorCode }] }. */
export function isCloudTrailLog(doc: unknown): boolean {
  return isRecord(doc) && Array.isArray(doc.Records);
}

export function readLookupEvents(doc: unknown, origin: string): Evidence[] {
  const events: unknown[] = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc.Events) ? doc.Events : [];
  const out: Evidence[] = [];
  for (const event of events) {
    if (!isRecord(event)) continue;
    let record: Record<string, unknown> = {};
    const raw = event.CloudTrailEvent;
    if (typeof raw === "string") {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isRecord(parsed)) record = parsed;
      } catch {
        // a cut CloudTrailEvent string still has the outer EventName and EventTime
      }
    } else if (isRecord(raw)) record = raw;
    const merged = {
      ...record,
      eventName: record.eventName ?? event.EventName,
      eventSource: record.eventSource ?? event.EventSource,
      eventTime: record.eventTime ?? event.EventTime,
    };
    const evidence = fromRecord(merged, origin);
    if (evidence) out.push(evidence);
  }
  return out;
}

export function readCloudTrailLog(doc: unknown, origin: string): Evidence[] {
  if (!isRecord(doc) || !Array.isArray(doc.Records)) return [];
  return doc.Records.flatMap((r) => {
    const e = isRecord(r) ? fromRecord(r, origin) : undefined;
    return e ? [e] : [];
  });
}

/**
 * The text is what the rules read: "<eventName> <errorCode>: <errorMessage> (<eventSource>)", e.g.
 * "GetDownloadUrlForLayer ThrottlingException: Rate exceeded (ecr.amazonaws.com)". A call without
 * an errorCode is context (it counts towards a burst), not a failure.
 */
function fromRecord(record: Record<string, unknown>, origin: string): Evidence | undefined {
  const eventName = str(record.eventName);
  if (!eventName) return undefined;
  const eventSource = str(record.eventSource) ?? "unknown-source";
  const errorCode = str(record.errorCode);
  const errorMessage = str(record.errorMessage);
  const text = errorCode ? `${eventName} ${errorCode}${errorMessage ? `: ${errorMessage}` : ""} (${eventSource})` : `${eventName} (${eventSource})`;
  return {
    source: "cloudtrail",
    origin,
    text,
    eventSource,
    eventName,
    ...optional("errorCode", errorCode),
    ...optional("region", str(record.awsRegion)),
    ...optional("time", isoTime(record.eventTime)),
  };
}
