/**
 * Diagnose: from a failed rollout's evidence (ECS service events, stopped tasks, CloudTrail, ECR
 * usage metrics) to the cause and the config change that fixes it. Pure data types: no AWS SDK,
 * no cdktf, no planner types (the planner is reached through plan-link.ts only).
 */

export type EvidenceSource = "service-event" | "stopped-task" | "cloudtrail" | "metric" | "agent-log";

/** One line of evidence, as read from an export or from AWS. */
export interface Evidence {
  readonly source: EvidenceSource;
  /** Where it was read: a file name, or "live:<API>". */
  readonly origin: string;
  /** ISO 8601 UTC, seconds precision; absent when the export had no usable time. */
  readonly time?: string;
  /** ECS service name, when the evidence names one. */
  readonly service?: string;
  /** AWS Region, from the service or task ARN or CloudTrail's awsRegion (picks the config location). */
  readonly region?: string;
  /** Stopped tasks: the task ARN; service events: the first task id it mentions; agent log lines: the task ARN or id they name. */
  readonly taskArn?: string;
  /** ECS cluster name, from a long-format task or service ARN or the export's clusterArn. */
  readonly cluster?: string;
  /** The raw message: what the user would grep for, kept verbatim for the report. */
  readonly text: string;
  /** CloudTrail: event source and name (the API), and the error code when the call failed. */
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly errorCode?: string;
  /** Service events "has started N tasks": N. */
  readonly startedTasks?: number;
  /** Stopped tasks: when the task was created and started (pull bursts are counted from createdAt). */
  readonly createdAt?: string;
  /** AWS/Usage CallCount: the ECR API and calls summed over the minute starting at `time`. */
  readonly metric?: { readonly api: string; readonly callsPerMinute: number };
}

/** Cause families: one file per family under causes/. */
export type CauseFamily =
  | "ecr-throttling"
  | "docker-hub"
  | "resource-initialization"
  | "iam"
  | "network"
  | "image-not-found"
  | "pull-through-cache"
  | "fargate-launch"
  | "capacity"
  | "unclassified";

/** The AWS Support runbook to run next: the exact command, and what to fill in or mind. */
export interface RunbookSuggestion {
  readonly command: string;
  readonly notes: readonly string[];
}

/** What a rule pulled out of the message. */
export interface CauseDetail {
  /** The ECR API involved (throttling), when the message names or implies it. */
  readonly api?: string;
  /** The IAM action denied, e.g. ecr:BatchImportUpstreamImage. */
  readonly action?: string;
  /** Image reference or repository the message names. */
  readonly image?: string;
  /** The ECR repository path a 403 names (without host, tag or digest), e.g. docker-hub/library/redis. */
  readonly repository?: string;
  /** The pull-through cache prefix that repository is under, when it is under one. */
  readonly cachePrefix?: string;
  /** Secrets/registry-auth sub-step (ResourceInitializationError): "secrets" or "registry-auth". */
  readonly step?: "secrets" | "registry-auth";
}

export interface CauseRule {
  readonly id: string;
  readonly family: Exclude<CauseFamily, "unclassified">;
  readonly title: string;
  /** Every pattern must match the evidence text. */
  readonly when: readonly RegExp[];
  /** No pattern may match (keeps a broad rule off a more specific family's messages). */
  readonly unless?: readonly RegExp[];
  /** Limits the rule to some evidence sources (default: all). */
  readonly sources?: readonly EvidenceSource[];
  readonly detail?: (text: string) => CauseDetail;
}

/** Evidence that is not a failure but explains one: rollouts starting tasks, steady states, call counts. */
export type Classification =
  | { readonly kind: "cause"; readonly rule: CauseRule; readonly detail: CauseDetail }
  | { readonly kind: "context" }
  | { readonly kind: "unclassified" };

export interface ClassifiedEvidence {
  readonly evidence: Evidence;
  readonly classification: Classification;
}

/** Whether the config as it is now would avoid the cause. */
export type FixStatus = "fixed" | "not-fixed" | "unknown";

export interface Fix {
  /** Config path to change (or that already holds the fix). */
  readonly configPath: string;
  /** The value or action, e.g. "minimumHealthyPercent 100 / maximumPercent 112 (6 tasks at once)". */
  readonly change: string;
  /** Why, with the numbers. */
  readonly explanation: string;
  readonly status: FixStatus;
}

export interface CauseFinding {
  readonly id: string;
  readonly family: CauseFamily;
  readonly title: string;
  readonly detail: CauseDetail;
  /** Distinct failed tasks attributed to this cause in the window. */
  readonly tasks: number;
  /** Evidence lines, oldest first. */
  readonly evidence: readonly Evidence[];
  readonly fix?: Fix;
  /** Other known fixes for the same evidence, after `fix` (a 403 through the cache has three causes). */
  readonly alternatives?: readonly Fix[];
}

export interface RolloutBurst {
  readonly time: string;
  readonly tasks: number;
}

export interface UsagePeak {
  readonly api: string;
  readonly time: string;
  readonly callsPerMinute: number;
}

export interface DiagnosisWindow {
  /** ECS service, or undefined for account-level evidence that matched no service window. */
  readonly service?: string;
  readonly start?: string;
  readonly end?: string;
  /** Largest task start bursts seen (service events and stopped tasks' createdAt). */
  readonly bursts: readonly RolloutBurst[];
  readonly causes: readonly CauseFinding[];
  readonly unclassified: readonly Evidence[];
  readonly usagePeaks: readonly UsagePeak[];
  /** What kept a fix from being linked (a service not in the config, an ambiguous environment), or how the location was found. */
  readonly notes?: readonly string[];
  /** Set when a line stayed unclassified or the causes point at network, IAM or secrets. */
  readonly runbook?: RunbookSuggestion;
}

export interface Diagnosis {
  readonly inputs: readonly string[];
  /** Problems reading the inputs that did not stop the diagnosis (truncated files). */
  readonly warnings: readonly string[];
  readonly config?: string;
  readonly windows: readonly DiagnosisWindow[];
}
