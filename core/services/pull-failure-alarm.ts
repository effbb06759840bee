import type { EventPattern, PullFailureAlarmPlan } from "../model/service-types";

/**
 * Failed image pulls, as EventBridge sees them, and the alarm that rolls a deployment back on them.
 *
 * A green fleet that cannot pull its image serves no traffic, so the alarms a team names (5xx,
 * latency) never fire, and without the circuit breaker ECS keeps launching tasks that pull and
 * fail, deepening a throttle (docs/aws-facts.md, "ECS"). So every service gets a rule that matches
 * its own tasks stopping on a failed pull and an alarm on that rule's `AWS/Events` `TriggeredRules`
 * metric, named in the service's deployment alarms with rollback.
 */

/** What ECS writes when a task cannot get its image (CannotPullContainerError) or, on Fargate, its registry auth or secrets (ResourceInitializationError). */
export const PULL_FAILURE_REASONS = ["CannotPullContainerError", "ResourceInitializationError"] as const;

/**
 * Tasks of a cluster (and, given, of one service: the task's `group` is `service:<name>`) that
 * stopped on a failed pull. The reason is in the task's `stoppedReason`, or only in a container's
 * `reason` while `stoppedReason` says "Task failed to start" (what DescribeTasks shows for a
 * throttled pull), so either one matches.
 */
export function pullFailurePattern(clusterArn: string, serviceName?: string): EventPattern {
  // Prefix, not wildcard: an event bus holds at most 30 rules with wildcards, a quota AWS does not
  // raise, and every service has a rule; ECS starts each reason with the error's name.
  const reasons = PULL_FAILURE_REASONS.map((reason) => ({ prefix: reason }));
  return {
    source: ["aws.ecs"],
    "detail-type": ["ECS Task State Change"],
    detail: {
      clusterArn: [clusterArn],
      ...(serviceName !== undefined ? { group: [`service:${serviceName}`] } : {}),
      lastStatus: ["STOPPED"],
      $or: [{ stoppedReason: reasons }, { containers: { reason: reasons } }],
    },
  };
}

/**
 * One failed pull in one minute is enough. A pull that fails during a deployment is a wrong
 * image, credential, route or a throttle, and ECS retrying it only spends more of the quota the
 * other services share; rolling back is cheap because the old tasks are still running (ROLLING
 * keeps them until new ones are healthy, BLUE_GREEN/LINEAR/CANARY keep blue). ECS reads rollback
 * alarms only while a deployment runs, so a failure outside one alarms without rolling anything back.
 */
export const PULL_FAILURE_ALARM = { periodSeconds: 60, evaluationPeriods: 1, threshold: 1 } as const;

export function planPullFailureAlarm(ruleName: string, alarmName: string, clusterArn: string, serviceName: string): PullFailureAlarmPlan {
  return {
    ruleName,
    alarmName,
    eventPattern: pullFailurePattern(clusterArn, serviceName),
    metric: { namespace: "AWS/Events", name: "TriggeredRules", dimensions: { RuleName: ruleName } },
    statistic: "Sum",
    ...PULL_FAILURE_ALARM,
  };
}
