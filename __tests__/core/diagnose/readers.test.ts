import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readEvidenceFile } from "../../../core/diagnose";
import { isoTime, parseTolerantJson } from "../../../core/diagnose/readers/tolerant-json";

const fixture = (...p: string[]): Buffer => readFileSync(join(__dirname, "..", "..", "fixtures", "diagnose", ...p));
const read = (text: string | Buffer, name = "x.json") => readEvidenceFile(Buffer.isBuffer(text) ? text : Buffer.from(text), name);

describe("format detection", () => {
  test.each([
    [["classic", "services.json"], "describe-services", 9],
    [["classic", "tasks.json"], "describe-tasks", 38],
    [["classic", "trail.json"], "cloudtrail-lookup-events", 10],
    [["mixed", "trail-log.json"], "cloudtrail-log", 5],
    [["classic", "metrics.json"], "get-metric-data", 4],
  ] as const)("%j is %s with %d evidence lines", (path, format, count) => {
    const result = read(fixture(...path));
    expect(result.ok && [result.format, result.evidence.length, result.warning]).toEqual([format, count, undefined]);
  });

  test("a describe-services events array alone (--query services[0].events) is read too", () => {
    const result = read(JSON.stringify([{ id: "1", createdAt: 1772632931.5, message: "(service orders) has started 2 tasks: (task 0123456789abcdef0123456789abcdef) (task 1123456789abcdef0123456789abcdef)." }]));
    expect(result.ok && result.evidence).toEqual([
      { source: "service-event", origin: "x.json", text: "(service orders) has started 2 tasks: (task 0123456789abcdef0123456789abcdef) (task 1123456789abcdef0123456789abcdef).", time: "2026-03-04T14:02:11Z", service: "orders", taskArn: "0123456789abcdef0123456789abcdef", startedTasks: 2 },
    ]);
  });

  test("lookup-events filtered with --query (a bare array of events) is read too", () => {
    const events = JSON.parse(fixture("classic", "trail.json").toString("utf8")).Events.slice(0, 2);
    const result = read(JSON.stringify(events));
    expect(result.ok && [result.format, result.evidence.map((e) => [e.eventName, e.errorCode, e.time, e.region])]).toEqual([
      "cloudtrail-lookup-events",
      [
        ["GetDownloadUrlForLayer", "ThrottlingException", "2026-03-04T14:02:12Z", "us-east-1"],
        ["GetDownloadUrlForLayer", "ThrottlingException", "2026-03-04T14:02:12Z", "us-east-1"],
      ],
    ]);
  });

  test("CloudTrail log files delivered gzip'd are read", () => {
    const result = read(gzipSync(fixture("mixed", "trail-log.json")), "trail.json.gz");
    expect(result.ok && result.evidence.map((e) => e.eventName)).toEqual(["GetDownloadUrlForLayer", "GetDownloadUrlForLayer", "GetDownloadUrlForLayer", "GetDownloadUrlForLayer", "CreateRepository"]);
  });

  test("a stopped task's stoppedReason and container reasons are one line; running tasks are skipped", () => {
    const doc = { tasks: [
      { taskArn: "arn:aws:ecs:us-east-1:111111111111:task/prod/a", group: "service:orders", createdAt: "2026-03-04T14:02:11+00:00", stoppedAt: "2026-03-04T14:02:20.9+00:00", stoppedReason: "Task failed to start", containers: [{ reason: "CannotPullContainerError: x" }, { reason: "CannotPullContainerError: x" }] },
      { taskArn: "arn:aws:ecs:us-east-1:111111111111:task/prod/b", group: "service:orders", lastStatus: "RUNNING", containers: [{ name: "app" }] },
    ] };
    const result = read(JSON.stringify(doc));
    expect(result.ok && result.evidence).toEqual([
      { source: "stopped-task", origin: "x.json", text: "Task failed to start | CannotPullContainerError: x", time: "2026-03-04T14:02:20Z", createdAt: "2026-03-04T14:02:11Z", service: "orders", taskArn: "arn:aws:ecs:us-east-1:111111111111:task/prod/a", region: "us-east-1", cluster: "prod" },
    ]);
  });

  test("get-metric-data results name their ECR API in Label or Id; others are skipped", () => {
    const result = read(JSON.stringify({ MetricDataResults: [
      { Id: "getauthorizationtoken", Label: "CallCount", Timestamps: ["2026-03-04T14:02:00Z"], Values: [61] },
      { Id: "m9", Label: "CPUUtilization", Timestamps: ["2026-03-04T14:02:00Z"], Values: [3] },
    ] }));
    expect(result.ok && result.evidence.map((e) => e.metric)).toEqual([{ api: "GetAuthorizationToken", callsPerMinute: 61 }]);
  });
});

describe("partial and truncated exports", () => {
  test("a describe-tasks export cut mid-task keeps the complete tasks and says so", () => {
    const text = fixture("classic", "tasks.json").toString("utf8");
    const cut = text.slice(0, text.indexOf('"taskArn"', text.indexOf('"taskArn"', text.indexOf('"taskArn"') + 1) + 1) + 40);
    const result = read(cut, "tasks.json");
    expect(result.ok && [result.evidence.length, result.warning]).toEqual([2, "tasks.json: is truncated; read the 2 complete entries before the cut"]);
  });

  test("a lookup-events export cut inside a CloudTrailEvent string keeps the earlier events", () => {
    const text = fixture("classic", "trail.json").toString("utf8");
    const result = read(text.slice(0, Math.floor(text.length / 2)), "trail.json");
    // The cut (character 3644 of 7289) falls inside the CloudTrailEvent string of the fifth event
    // (EventId ...0004). The reader cuts back to the last boundary between Events, so the four whole
    // events stay and the fifth, whose error fields never arrived, is dropped rather than half read.
    expect(result.ok && [result.evidence.length, result.warning]).toEqual([4, "trail.json: is truncated; read the 4 complete entries before the cut"]);
  });

  test("a service without events and a task without reasons are no evidence, not an error", () => {
    expect(read('{"services":[{"serviceName":"orders"}],"failures":[]}')).toEqual({ ok: true, format: "describe-services", evidence: [] });
    expect(read('{"tasks":[],"failures":[]}')).toEqual({ ok: true, format: "describe-tasks", evidence: [] });
  });

  test("repairs close what is open at the last complete member", () => {
    expect(parseTolerantJson('{"a":[1,2,{"b":"x,y"},3')).toEqual({ ok: true, value: { a: [1, 2, { b: "x,y" }] }, truncated: true });
  });

  test("an element cut mid-way is dropped whole, even when it holds complete lists of its own", () => {
    expect(parseTolerantJson('{"tasks":[{"a":1},{"a":2,"containers":[{"r":"x"},{"r":"y')).toEqual({ ok: true, value: { tasks: [{ a: 1 }] }, truncated: true });
  });

  test("with no list open at the cut, the last complete object member is kept", () => {
    expect(parseTolerantJson('{"a":1,"b":{"c":2,"d"')).toEqual({ ok: true, value: { a: 1, b: { c: 2 } }, truncated: true });
  });
});

describe("a file that is none of the formats: one clear line", () => {
  const expected = "an `aws ecs describe-services`, `aws ecs describe-tasks`, CloudTrail (`lookup-events` or log file) or `aws cloudwatch get-metric-data` export, or an ECS agent log (/var/log/ecs/ecs-agent.log)";
  test.each([
    ['{"Reservations":[]}', "x.json: is not %s (found Reservations)"],
    ["", "x.json: is empty; expected %s"],
    ["service orders was unable to place a task", "x.json: is neither JSON nor an ECS agent log (no `level=... time=...` or `<time> [LEVEL]` line among its first lines); expected %s"],
    ["{}", "x.json: is not %s (found an empty object)"],
  ])("%j", (text, problem) => {
    expect(read(text)).toEqual({ ok: false, problem: problem.replace("%s", expected) });
  });

  test("JSON too broken to repair says so on one line", () => {
    const result = read("{{{{");
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.startsWith("x.json: is not valid JSON (")).toBe(true);
    expect(!result.ok && result.problem.includes("\n")).toBe(false);
  });
});

describe("times", () => {
  test.each([
    ["2026-03-04T14:02:11.512000+00:00", "2026-03-04T14:02:11Z"],
    ["2026-03-04T16:02:11+02:00", "2026-03-04T14:02:11Z"],
    [1772632931.512, "2026-03-04T14:02:11Z"],
    ["1772632931", "2026-03-04T14:02:11Z"],
    [new Date(Date.UTC(2026, 2, 4, 14, 2, 11)), "2026-03-04T14:02:11Z"],
    ["yesterday", undefined],
  ])("%j -> %j", (input, expected) => {
    expect(isoTime(input)).toBe(expected);
  });
});
