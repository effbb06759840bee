/**
 * One test per real message shape: every stopped task, service event and CloudTrail record in
 * __tests__/fixtures/diagnose/shapes carries the cause it must be classified as (task tags
 * "expected-cause", "x-expected-cause" on events); the source of each shape is beside it there and
 * in __tests__/fixtures/diagnose/README.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CAUSE_RULES, classify, readDocument } from "../../../core/diagnose";
import type { Evidence } from "../../../core/diagnose/types";

const dir = join(__dirname, "..", "..", "fixtures", "diagnose", "shapes");
// Fixture JSON: each test below states the shape it reads.
const load = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"));

function evidenceOf(name: string): Evidence[] {
  const read = readDocument(load(name), name);
  if (!read.ok) throw new Error(read.problem);
  return [...read.evidence];
}

function outcome(e: Evidence): string {
  const c = classify(e);
  return c.kind === "cause" ? c.rule.id : c.kind;
}

const tasks = (load("tasks.json") as { tasks: unknown }).tasks as { taskArn: string; tags: { key: string; value: string }[] }[];
const tag = (t: (typeof tasks)[number], key: string) => t.tags.find((x) => x.key === key)?.value;
const taskEvidence = evidenceOf("tasks.json");

describe("stopped task reasons (real message shapes)", () => {
  test.each(tasks.map((t, i) => [tag(t, "expected-cause") as string, i] as const))("%s (shape %#)", (expected, i) => {
    const task = tasks[i];
    const e = taskEvidence.find((x) => x.taskArn === task.taskArn) as Evidence;
    expect(outcome(e)).toBe(expected);
    const c = classify(e);
    if (tag(task, "expected-api")) expect(c.kind === "cause" && c.detail.api).toBe(tag(task, "expected-api"));
    if (tag(task, "expected-action")) expect(c.kind === "cause" && c.detail.action).toBe(tag(task, "expected-action"));
  });
});

const events = (load("services.json") as { services: { events: unknown }[] }).services[0].events as { message: string; "x-expected-cause": string }[];
const eventEvidence = evidenceOf("services.json");

describe("service events (real message shapes)", () => {
  test.each(events.map((e, i) => [e["x-expected-cause"], i] as const))("%s (event %#)", (expected, i) => {
    const e = eventEvidence.find((x) => x.text === events[i].message) as Evidence;
    expect(outcome(e)).toBe(expected);
  });

  test("the service name comes from the message when the export has none", () => {
    expect(eventEvidence.map((e) => e.service)).toEqual(["orders", "api-sandbox-gateway-Service-Bir1Z3K0mQoZ", "metrics", "worker", "orders", "orders"]);
  });
});

const trail = (load("trail.json") as { Events: unknown }).Events as { EventName: string; EventTime: string; "x-expected-cause": string; "x-expected-api"?: string }[];
const trailEvidence = evidenceOf("trail.json");

describe("CloudTrail records", () => {
  test.each(trail.map((t, i) => [t["x-expected-cause"], t.EventName, i] as const))("%s from %s (record %#)", (expected, _name, i) => {
    const e = trailEvidence[i];
    expect(e.eventName).toBe(trail[i].EventName);
    expect(outcome(e)).toBe(expected);
    const api = trail[i]["x-expected-api"];
    if (api) expect(classify(e).kind === "cause" && (classify(e) as { detail: { api?: string } }).detail.api).toBe(api);
  });

  test("a call that succeeded is context (it counts towards a burst), not a failure", () => {
    expect(outcome({ source: "cloudtrail", origin: "t", text: "GetDownloadUrlForLayer (ecr.amazonaws.com)", eventName: "GetDownloadUrlForLayer" })).toBe("context");
  });
});

describe("rule coverage", () => {
  const seen = new Set([...taskEvidence, ...eventEvidence, ...trailEvidence].map(outcome));
  test.each([...new Set(CAUSE_RULES.map((r) => r.id))])("%s is recognised from at least one fixture message", (id) => {
    expect(seen.has(id)).toBe(true);
  });

  test("every fixture shape names its source", () => {
    for (const t of tasks) expect((tag(t, "source") ?? "").length).toBeGreaterThan(10);
  });
});

describe("precedence between families (the same words, different causes)", () => {
  const line = (text: string, source: Evidence["source"] = "stopped-task"): string =>
    outcome({ source, origin: "t", text, ...(source === "cloudtrail" ? { errorCode: text.split(" ")[1] } : {}) });

  test("a Docker Hub 429 is not ECR throttling", () => {
    expect(line("unexpected status from HEAD request to https://registry-1.docker.io/v2/library/nginx/manifests/1.27.3: 429 Too Many Requests")).toBe("docker-hub-abuse");
  });
  test("throttling inside ResourceInitializationError is the Fargate registry-auth step", () => {
    const c = classify({ source: "stopped-task", origin: "t", text: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: ThrottlingException: Rate exceeded" });
    expect(c.kind === "cause" && [c.rule.id, c.detail.step, c.detail.api]).toEqual(["resource-init-throttling", "registry-auth", "GetAuthorizationToken"]);
  });
  test("a secrets fetch is the secrets step", () => {
    const c = classify({ source: "stopped-task", origin: "t", text: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): context deadline exceeded" });
    expect(c.kind === "cause" && [c.rule.id, c.detail.step]).toEqual(["resource-init-network", "secrets"]);
  });
  test("an endpoint policy denial is network, not IAM", () => {
    expect(line("denied: User: x is not authorized to perform: ecr:BatchGetImage on resource: y because no VPC endpoint policy allows the ecr:BatchGetImage action")).toBe("network-endpoint-policy");
  });
  test("a throttled ECS read in CloudTrail is not ECR throttling", () => {
    expect(line("DescribeTasks ThrottlingException: Rate exceeded (ecs.amazonaws.com)", "cloudtrail")).toBe("unclassified");
  });
  test("a steady-state event is context even though no rule names it", () => {
    expect(line("(service orders) has reached a steady state.", "service-event")).toBe("context");
  });
  test("an unknown message stays unclassified, raw", () => {
    expect(line("CannotStartContainerError: failed to get container status: unknown")).toBe("unclassified");
  });
});
