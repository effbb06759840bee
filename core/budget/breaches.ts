/**
 * The assessment's figures past a threshold, as data with one sentence each for people: which
 * share of which limit, and what to change. Kept apart from the model so the wording can change
 * without touching the arithmetic, and so no severity is decided here: the rule pack alone makes
 * a breach an error or a warning (core/rules). Pure: no cdktf, no I/O.
 */
import {
  DEFAULT_MAX_QUOTA_SHARE,
  DOCKER_HUB_PULLS_PER_WINDOW,
  DOCKER_HUB_WINDOW_HOURS,
  SHARE_EPSILON,
  WARNING_FRACTION,
} from "./quotas";
import { serviceLabel } from "./profile";
import type { EcrApi, GroupAssessment, ServiceAssessment } from "../model/budget-types";

/** What a breach is about: an ECR API quota, a Docker Hub pool, or the rollout percents themselves. */
export type FindingSubject = EcrApi | "docker-hub" | "rollout";

/**
 * A figure past one of the model's thresholds. It carries no severity: the rule pack alone decides
 * whether a rule built on it is an error or a warning.
 */
export interface QuotaBreach {
  /** "limit": past the allowed share (or the rollout cannot start); "margin": within WARNING_FRACTION of it. */
  readonly passed: "limit" | "margin";
  readonly subject: FindingSubject;
  /** "stack/service" for a service assessment, the group label for a group assessment. */
  readonly target: string;
  /** The share that triggered the finding (0 for "rollout"). */
  readonly share: number;
  /** One sentence naming the target, the figure and the limit. */
  readonly message: string;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function pct(share: number): string {
  const v = Math.round(share * 1000) / 10;
  return `${v}%`;
}

function exceeds(share: number, limit: number): boolean {
  return share > limit + SHARE_EPSILON;
}

/**
 * Thresholds passed, as data. Thresholds:
 * - ECR API: limit when share > maxShare, margin when share > maxShare x 0.8 (WARNING_FRACTION).
 * - Docker Hub pool: limit when pulls per rollout exceed the 6-hour limit (share > 1: the rollout gets
 *   429 toomanyrequests), margin when share > maxShare (little room left for anything else on the same
 *   IPs/account). Unlimited pools never produce breaches.
 * - Rollout (service assessments only): limit when desiredCount > 0 but the percents let no task start.
 * A group assessment reports its summed figures only; call quotaBreaches on its `services` for per-service ones.
 * Order: rollout, ECR APIs in ECR_APIS order, then Docker Hub pools.
 */
export function quotaBreaches(
  assessment: ServiceAssessment | GroupAssessment,
  maxShare: number = DEFAULT_MAX_QUOTA_SHARE,
): readonly QuotaBreach[] {
  const out: QuotaBreach[] = [];
  const isGroup = "services" in assessment;
  const target = isGroup ? assessment.label : serviceLabel(assessment.profile);

  if (!isGroup && assessment.concurrentStarts === 0 && assessment.profile.desiredCount > 0) {
    const p = assessment.profile;
    out.push({
      passed: "limit",
      subject: "rollout",
      target,
      share: 0,
      message:
        `${target}: desiredCount ${p.desiredCount} at maximumPercent ${p.maximumPercent} / minimumHealthyPercent ` +
        `${p.minimumHealthyPercent} lets no task start (floor(${p.desiredCount}x${p.maximumPercent}/100) - ` +
        `ceil(${p.desiredCount}x${p.minimumHealthyPercent}/100) = 0), so the deployment cannot progress`,
    });
  }

  for (let i = 0; i < assessment.quotaUse.length; i++) {
    const u = assessment.quotaUse[i];
    const passed = exceeds(u.share, maxShare) ? "limit" : exceeds(u.share, maxShare * WARNING_FRACTION) ? "margin" : null;
    if (passed === null) continue;
    out.push({
      passed,
      subject: u.api,
      target,
      share: u.share,
      message:
        `${target}: ${fmt(u.peakCallsPerSecond)} ${u.api} calls in the peak second is ${pct(u.share)} of the ` +
        `${fmt(u.capacity)}/s first-second capacity (quota ${u.quotaCode}), ` +
        (passed === "limit" ? `above the ${pct(maxShare)} allowed` : `close to the ${pct(maxShare)} allowed`) +
        `; lower maximumPercent to start fewer tasks at once, or raise the quota`,
    });
  }

  for (let i = 0; i < assessment.dockerHub.length; i++) {
    const u = assessment.dockerHub[i];
    if (u.windowLimit === null) continue;
    const passed = exceeds(u.share, 1) ? "limit" : exceeds(u.share, maxShare) ? "margin" : null;
    if (passed === null) continue;
    const perWindow = `${u.windowLimit} pulls per ${DOCKER_HUB_WINDOW_HOURS} hours`;
    const limitText =
      u.auth === "anonymous"
        ? `anonymous limit of ${perWindow} (${DOCKER_HUB_PULLS_PER_WINDOW.anonymous} per egress IP)`
        : `${u.auth} account limit of ${perWindow}`;
    out.push({
      passed,
      subject: "docker-hub",
      target,
      share: u.share,
      message:
        `${target}: ${fmt(u.pullsPerRollout)} direct Docker Hub pulls per rollout is ${pct(u.share)} of the ${limitText}` +
        (passed === "limit" ? `, so the rollout will hit 429 toomanyrequests` : `, little room left for other pulls`) +
        `; pull through the ECR pull-through cache or use a paid Docker Hub account`,
    });
  }
  return out;
}
