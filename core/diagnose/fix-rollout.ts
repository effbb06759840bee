import { FARGATE_TASK_LAUNCH_BUCKET } from "../budget";
import type { ServiceLink } from "./plan-link";
import type { Fix, RolloutBurst } from "./types";
import { byCodePoint } from "../sort";

/** "14:02:11" from an ISO time: windows are shown with their date once, bursts by time of day. */
export function clock(iso: string): string {
  return iso.slice(11, 19);
}

export function largestBurst(bursts: readonly RolloutBurst[]): RolloutBurst | undefined {
  return [...bursts].sort((a, b) => b.tasks - a.tasks || byCodePoint(a.time, b.time))[0];
}

/** Calls one starting task makes to an ECR API (aws-facts: 1 token, 1 manifest per image, 1 URL per layer). */
function callsPerTask(api: string, link: ServiceLink): { calls: number; shape: string } {
  const ecr = link.images.filter((i) => i.source === "ecr");
  const layers = ecr.reduce((sum, i) => sum + i.layers, 0);
  const shape =
    ecr.length === 1 ? `${layers}-layer image` : ecr.length === 0 ? "no ECR images" : `${ecr.length} ECR images (${layers} layers per task)`;
  if (api === "GetAuthorizationToken") return { calls: 1, shape };
  if (api === "BatchGetImage" || api === "BatchCheckLayerAvailability") return { calls: ecr.length, shape };
  return { calls: layers, shape };
}

function percents(p: { minimumHealthyPercent: number; maximumPercent: number; concurrentStarts: number }): string {
  return `minimumHealthyPercent ${p.minimumHealthyPercent} / maximumPercent ${p.maximumPercent} (${p.concurrentStarts} task${p.concurrentStarts === 1 ? "" : "s"} at once)`;
}

function rolloutNow(link: ServiceLink): string {
  return percents(link.rollout);
}

/**
 * Throttled pulls: the burst the evidence shows against the burst the config now allows.
 * "18 tasks started at 14:02:11 with 10-layer images: 180 GetDownloadUrlForLayer calls in one
 * second; this config now starts at most 6". Fixed when the config starts fewer tasks at once
 * than the failed rollout did, within the pull budget.
 */
export function rolloutFix(link: ServiceLink, bursts: readonly RolloutBurst[], api: string | undefined): Fix {
  const burst = largestBurst(bursts);
  const r = link.rollout;
  const now = `this config now starts at most ${r.concurrentStarts} (pull budget ${r.budget})`;
  let observed = "the evidence shows no task start burst (add the service events)";
  if (burst) {
    const named = api ?? "GetDownloadUrlForLayer";
    const { calls, shape } = callsPerTask(named, link);
    observed = `${burst.tasks} tasks started at ${clock(burst.time)} with ${shape}${calls > 0 ? `: ${burst.tasks * calls} ${named} calls in one second` : ""}`;
  }
  const status = !burst ? "unknown" : r.concurrentStarts < burst.tasks && r.concurrentStarts <= r.budget ? "fixed" : "not-fixed";
  // A hand-set override above the budget is the line to change: the budget's own percents are the value.
  const overBudget = r.overridden && r.concurrentStarts > r.budget;
  const advice =
    status !== "not-fixed"
      ? ""
      : overBudget
        ? `; the deployment override starts more than the budget allows: remove it (the budget computes ${percents(r.withinBudget)})`
        : "; lower deployment.maxConcurrentStarts (or pullBudget.defaultMaxConcurrentStarts)";
  return {
    configPath: `${link.configPath}.deployment`,
    change: overBudget ? percents(r.withinBudget) : rolloutNow(link),
    explanation: `${observed}; ${now}${advice}`,
    status,
  };
}

/** Fargate launches: the token bucket (100 burst, 20/s) is per account and Region, shared by every service. */
export function launchFix(link: ServiceLink, bursts: readonly RolloutBurst[]): Fix {
  const burst = largestBurst(bursts);
  const r = link.rollout;
  const observed = burst ? `${burst.tasks} tasks started at ${clock(burst.time)}` : "the evidence shows no task start burst";
  const status = !burst ? "unknown" : r.concurrentStarts < burst.tasks && r.concurrentStarts <= FARGATE_TASK_LAUNCH_BUCKET.burst ? "fixed" : "not-fixed";
  return {
    configPath: `${link.configPath}.deployment`,
    change: rolloutNow(link),
    explanation: `${observed} against a Fargate launch bucket of ${FARGATE_TASK_LAUNCH_BUCKET.burst} burst, ${FARGATE_TASK_LAUNCH_BUCKET.rate}/s sustained, shared by every service in the account and Region; this config now starts at most ${r.concurrentStarts}`,
    status,
  };
}

/**
 * Docker Hub's limits (docs.docker.com/docker-hub/usage/pulls, since 2025-03: the announced 10/h
 * never took effect): 100 pulls per 6 hours per IPv4 address or IPv6 /64 unauthenticated, 200 per
 * 6 hours for a Personal account, unlimited under fair use for paid plans.
 */
export const DOCKER_HUB_LIMITS =
  "Docker Hub allows 100 pulls per 6 hours per IP unauthenticated (a NAT gateway is one IP for the whole VPC) and 200 per 6 hours for a Personal account";
