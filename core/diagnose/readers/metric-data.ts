import type { Evidence } from "../types";
import { isoTime, isRecord, str } from "./tolerant-json";

/** `aws cloudwatch get-metric-data` output: { MetricDataResults: [{ Id, Label, Timestamps, Values }] }. */
export function isMetricData(doc: unknown): boolean {
  return isRecord(doc) && Array.isArray(doc.MetricDataResults);
}

const ECR_API_NAMES = ["GetAuthorizationToken", "BatchGetImage", "GetDownloadUrlForLayer", "BatchCheckLayerAvailability"];

/**
 * get-metric-data does not echo the query's dimensions, so the ECR API (the `Resource` dimension
 * of AWS/Usage CallCount) is taken from the result's Label or Id: label each query with its API
 * (docs/diagnose.md shows the command; --live does it). Results naming no ECR API are skipped.
 */
export function readMetricData(doc: unknown, origin: string): Evidence[] {
  if (!isRecord(doc) || !Array.isArray(doc.MetricDataResults)) return [];
  const out: Evidence[] = [];
  for (const result of doc.MetricDataResults) {
    if (!isRecord(result)) continue;
    const name = `${str(result.Label) ?? ""} ${str(result.Id) ?? ""}`.toLowerCase();
    const api = ECR_API_NAMES.find((a) => name.includes(a.toLowerCase()));
    if (!api || !Array.isArray(result.Timestamps) || !Array.isArray(result.Values)) continue;
    const n = Math.min(result.Timestamps.length, result.Values.length);
    for (let i = 0; i < n; i++) {
      const time = isoTime(result.Timestamps[i]);
      const value = result.Values[i];
      if (!time || typeof value !== "number" || !Number.isFinite(value)) continue;
      out.push({ source: "metric", origin, time, text: `AWS/Usage CallCount ${api} = ${value} in the minute from ${time}`, metric: { api, callsPerMinute: value } });
    }
  }
  return out;
}
