import { byCodePoint } from "../sort";
import type { CauseFamily, ClassifiedEvidence } from "./types";

/** Evidence further apart than this starts a new window: one rollout's failures cluster in minutes. */
export const WINDOW_GAP_SECONDS = 15 * 60;
/** Account-level evidence (CloudTrail, metrics) this close to a service window belongs to it. */
export const ATTACH_MARGIN_SECONDS = 10 * 60;

export interface WindowDraft {
  readonly service?: string;
  readonly items: ClassifiedEvidence[];
  start?: string;
  end?: string;
}

const seconds = (iso: string): number => Date.parse(iso) / 1000;

function byTime(a: ClassifiedEvidence, b: ClassifiedEvidence): number {
  return byCodePoint(a.evidence.time ?? "", b.evidence.time ?? "") || byCodePoint(a.evidence.text, b.evidence.text);
}

/**
 * Families a CloudTrail failure corroborates besides its own: a throttled GetAuthorizationToken or
 * GetSecretValue is what a Fargate ResourceInitializationError reports as "unable to pull secrets or
 * registry auth", and an AccessDenied on an ECR API is what that error wraps too.
 */
const CORROBORATES: Readonly<Partial<Record<CauseFamily, readonly CauseFamily[]>>> = {
  "ecr-throttling": ["resource-initialization"],
  iam: ["resource-initialization"],
};

function familyOf(item: ClassifiedEvidence): CauseFamily | undefined {
  return item.classification.kind === "cause" ? item.classification.rule.family : undefined;
}

/** Splits time-sorted evidence at gaps; evidence without a time joins the first window. */
function splitByGaps(service: string | undefined, items: readonly ClassifiedEvidence[]): WindowDraft[] {
  const timed = items.filter((i) => i.evidence.time !== undefined).sort(byTime);
  const untimed = items.filter((i) => i.evidence.time === undefined);
  const windows: WindowDraft[] = [];
  for (const item of timed) {
    const t = item.evidence.time as string;
    const last = windows[windows.length - 1];
    if (last && last.end !== undefined && seconds(t) - seconds(last.end) <= WINDOW_GAP_SECONDS) {
      last.items.push(item);
      last.end = t;
    } else windows.push({ ...(service !== undefined ? { service } : {}), items: [item], start: t, end: t });
  }
  if (untimed.length > 0) {
    if (windows.length === 0) windows.push({ ...(service !== undefined ? { service } : {}), items: [] });
    windows[0].items.push(...untimed);
  }
  return windows;
}

function within(window: WindowDraft, time: string | undefined): boolean {
  if (time === undefined || window.start === undefined || window.end === undefined) return false;
  const t = seconds(time);
  return t >= seconds(window.start) - ATTACH_MARGIN_SECONDS && t <= seconds(window.end) + ATTACH_MARGIN_SECONDS;
}

/**
 * Per service and time window. Account-level evidence (CloudTrail, usage metrics) names no service:
 * a failure joins the service windows around it that show the same family of cause (a throttled
 * GetDownloadUrlForLayer corroborates a throttled rollout, not an unrelated IAM failure beside it);
 * call counts and metrics join every window around them; what joins none stays account-level.
 */
export function groupIntoWindows(items: readonly ClassifiedEvidence[]): WindowDraft[] {
  const byService = new Map<string, ClassifiedEvidence[]>();
  const accountLevel: ClassifiedEvidence[] = [];
  for (const item of items) {
    const service = item.evidence.service;
    if (service === undefined) accountLevel.push(item);
    else byService.set(service, [...(byService.get(service) ?? []), item]);
  }
  const windows = [...byService.keys()].sort(byCodePoint).flatMap((s) => splitByGaps(s, byService.get(s) ?? []));
  const leftover: ClassifiedEvidence[] = [];
  for (const item of accountLevel) {
    const family = familyOf(item);
    const families = family === undefined ? [] : [family, ...(CORROBORATES[family] ?? [])];
    const targets = windows.filter((w) => within(w, item.evidence.time) && (item.classification.kind === "context" || w.items.some((i) => w.service !== undefined && families.includes(familyOf(i) as CauseFamily))));
    if (targets.length === 0) leftover.push(item);
    for (const w of targets) w.items.push(item);
  }
  const meaningful = leftover.filter((i) => i.classification.kind !== "context");
  return [...windows, ...(meaningful.length > 0 ? splitByGaps(undefined, leftover) : [])].filter((w) => w.items.some((i) => i.classification.kind !== "context"));
}
