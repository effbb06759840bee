/**
 * The pull-failure pattern against real ECS task state change events.
 *
 * `__tests__/fixtures/events/ecs-task-state-change.json` is the example event of the ECS developer
 * guide, "Amazon ECS task state change events" (awsdocs/amazon-ecs-developer-guide,
 * doc_source/ecs_cwe_events.md, copied verbatim): a running task of a standalone group. A stopped
 * task that failed its pull is the same event with the fields such a task has: `lastStatus`
 * STOPPED, the service's `group`, `stoppedReason` "Task failed to start" and the container
 * `reason` from a real throttled pull (DescribeTasks, __tests__/fixtures/diagnose/classic/tasks.json;
 * the event's detail "resembles the Task object" DescribeTasks returns, same guide).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { EventPattern } from "../../../core/model";
import { EVENT_PATTERN_MAX_CHARS } from "../../../facts/eventbridge";
import { eventMatches, planPullFailureAlarm, PULL_FAILURE_ALARM, pullFailurePattern } from "../../../core/services";

const CLUSTER = "arn:aws:ecs:us-west-2:111122223333:cluster/FargateCluster";
type TaskEvent = { detail: Record<string, unknown> & { containers: Record<string, unknown>[] } };
const documented = (): TaskEvent => JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "events", "ecs-task-state-change.json"), "utf8")) as TaskEvent;

const THROTTLED =
  "CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://111111111111.dkr.ecr.us-east-1.amazonaws.com/v2/orders/blobs/sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1: 429 Too Many Requests - Server message: toomanyrequests: Rate exceeded";

/** The documented event, as a task of `service` that stopped with these reasons. */
function stopped(service: string, stoppedReason: string, containerReason?: string): TaskEvent {
  const event = documented();
  event.detail.lastStatus = "STOPPED";
  event.detail.desiredStatus = "STOPPED";
  event.detail.group = `service:${service}`;
  event.detail.stopCode = "TaskFailedToStart";
  event.detail.stoppedReason = stoppedReason;
  event.detail.containers[0]!.lastStatus = "STOPPED";
  if (containerReason !== undefined) event.detail.containers[0]!.reason = containerReason;
  return event;
}

describe("the service's pull-failure pattern", () => {
  const pattern = pullFailurePattern(CLUSTER, "orders");

  test("is the pattern the rule renders, field for field", () => {
    expect(pattern).toEqual({
      source: ["aws.ecs"],
      "detail-type": ["ECS Task State Change"],
      detail: {
        clusterArn: [CLUSTER],
        group: ["service:orders"],
        lastStatus: ["STOPPED"],
        $or: [
          { stoppedReason: [{ prefix: "CannotPullContainerError" }, { prefix: "ResourceInitializationError" }] },
          { containers: { reason: [{ prefix: "CannotPullContainerError" }, { prefix: "ResourceInitializationError" }] } },
        ],
      },
    });
  });

  test("does not match the documented event: a running task, not a service's", () => {
    expect(eventMatches(pattern, documented())).toBe(false);
  });

  test("matches a throttled pull whose reason is only on the container (stoppedReason: Task failed to start)", () => {
    expect(eventMatches(pattern, stopped("orders", "Task failed to start", THROTTLED))).toBe(true);
  });

  test("matches a Fargate registry auth or secrets failure in stoppedReason", () => {
    const reason = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth";
    expect(eventMatches(pattern, stopped("orders", reason))).toBe(true);
  });

  test("matches the reason by its start: ECS begins each message with the error's name", () => {
    expect(eventMatches(pattern, stopped("orders", "CannotPullContainerError: pull image manifest has been retried 5 time(s)"))).toBe(true);
    expect(eventMatches(pattern, stopped("orders", "Task failed: CannotPullContainerError"))).toBe(false);
  });

  test("uses no wildcard: an event bus holds at most 30 rules with wildcards (not adjustable), and every service has one", () => {
    expect(JSON.stringify(pattern)).not.toContain("wildcard");
    expect(JSON.stringify(pullFailurePattern(CLUSTER))).not.toContain("wildcard");
  });

  test("stays far below EventBridge's 2,048-character pattern limit with the longest names", () => {
    const longCluster = `arn:aws-us-gov:ecs:us-gov-west-1:111122223333:cluster/${"c".repeat(255)}`;
    expect(JSON.stringify(pullFailurePattern(longCluster, "s".repeat(255))).length).toBeLessThan(EVENT_PATTERN_MAX_CHARS / 2);
  });

  test("does not match a task that stopped for another reason", () => {
    expect(eventMatches(pattern, stopped("orders", "Essential container in task exited", "exit code 1"))).toBe(false);
  });

  test("does not match another service's failed pull, or the same service in another cluster", () => {
    expect(eventMatches(pattern, stopped("payments", "Task failed to start", THROTTLED))).toBe(false);
    expect(eventMatches(pullFailurePattern("arn:aws:ecs:us-west-2:111122223333:cluster/Other", "orders"), stopped("orders", "Task failed to start", THROTTLED))).toBe(false);
  });

  test("the cluster-wide pattern (the notifying rule) matches every service's failed pull", () => {
    const cluster = pullFailurePattern(CLUSTER);
    expect(eventMatches(cluster, stopped("payments", "Task failed to start", THROTTLED))).toBe(true);
    expect(eventMatches(cluster, stopped("orders", "Essential container in task exited"))).toBe(false);
  });
});

describe("the alarm", () => {
  test("counts the rule's own TriggeredRules: one failed pull in one minute", () => {
    expect(planPullFailureAlarm("p--prod--orders-cannot-pull", "p--prod--orders-pull-failures", CLUSTER, "orders")).toEqual({
      ruleName: "p--prod--orders-cannot-pull",
      alarmName: "p--prod--orders-pull-failures",
      eventPattern: pullFailurePattern(CLUSTER, "orders"),
      metric: { namespace: "AWS/Events", name: "TriggeredRules", dimensions: { RuleName: "p--prod--orders-cannot-pull" } },
      statistic: "Sum",
      periodSeconds: 60,
      evaluationPeriods: 1,
      threshold: 1,
    });
    expect(PULL_FAILURE_ALARM).toEqual({ periodSeconds: 60, evaluationPeriods: 1, threshold: 1 });
  });
});

describe("the matcher's EventBridge semantics", () => {
  test("exact values, prefix and wildcard; a missing field never matches", () => {
    expect(eventMatches({ a: ["x"] }, { a: "x" })).toBe(true);
    expect(eventMatches({ a: ["x"] }, { a: "xy" })).toBe(false);
    expect(eventMatches({ a: [{ prefix: "Cannot" }] }, { a: "CannotPull" })).toBe(true);
    expect(eventMatches({ a: [{ prefix: "Cannot" }] }, { a: "a Cannot" })).toBe(false);
    expect(eventMatches({ a: [{ wildcard: "*Pull*" }] }, { a: "CannotPullContainer" })).toBe(true);
    expect(eventMatches({ a: [{ wildcard: "*Pull*" }] }, { a: "pull" })).toBe(false);
    expect(eventMatches({ a: [{ wildcard: "a.c" }] }, { a: "abc" })).toBe(false);
    expect(eventMatches({ a: ["x"] }, { b: "x" })).toBe(false);
  });

  test("an event array matches when any element does, also through nested objects", () => {
    expect(eventMatches({ a: ["x"] }, { a: ["y", "x"] })).toBe(true);
    expect(eventMatches({ c: { r: ["x"] } }, { c: [{ r: "y" }, { r: "x" }] })).toBe(true);
    expect(eventMatches({ c: { r: ["x"] } }, { c: [{ r: "y" }, {}] })).toBe(false);
  });

  test("$or needs one alternative; fields beside it still all must match", () => {
    const p: EventPattern = { k: ["1"], $or: [{ a: ["x"] }, { b: ["y"] }] as EventPattern[] };
    expect(eventMatches(p, { k: "1", b: "y" })).toBe(true);
    expect(eventMatches(p, { k: "2", b: "y" })).toBe(false);
    expect(eventMatches(p, { k: "1", c: "y" })).toBe(false);
  });

  test("operators outside the subset are refused rather than judged", () => {
    expect(() => eventMatches({ a: [{ numeric: [">", 1] }] } as never, { a: 2 })).toThrow("unsupported pattern value");
    expect(() => eventMatches({ a: [{ wildcard: "a\\*" }] }, { a: "a*" })).toThrow("escaped wildcards");
  });
});
