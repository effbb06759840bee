/**
 * ECS container agent logs (/var/log/ecs/ecs-agent.log), plain and gzip'd. Where each line shape
 * comes from:
 * - LOGFMT_PULL: the logfmt header of agents since github.com/aws/amazon-ecs-agent/pull/2709
 *   (`level=error time=2020-11-06T18:34:32Z msg="..." taskARN="arn:aws:ecs:us-west-2:...:task/<cluster>/<id>"`),
 *   with the message and fields the agent logs for a failed pull ("Failed to pull image for
 *   container", fields task/container/image/error: agent/engine/docker_task_engine.go and
 *   ecs-agent/logger/field/constants.go at aws/amazon-ecs-agent 44a3c75). The error is the 429 of
 *   the fixtures' classic case (fixtures/diagnose/classic/tasks.json).
 * - LOGFMT_MANIFEST: "Failed to fetch image manifest from registry" with `taskARN` (same source file).
 * - SEELOG_THROTTLED: the older seelog format, verbatim shape of github.com/aws/amazon-ecs-agent/issues/498
 *   (`2016-08-23T16:00:05Z [INFO] Error while pulling container; will try to run anyways module="TaskEngine"
 *   task="<family>:27 arn:aws:ecs:us-east-1:<account>:task/<uuid>, ..." err="ThrottlingException: Rate exceeded`).
 * - Info lines around them: "Pulling image for container concurrently", "Finished pulling image
 *   for container" (docker_task_engine.go) and "Registering Instance with ECS" (agent logs quoted in
 *   aws/amazon-ecs-agent#2709 and public troubleshooting notes).
 */
import { gzipSync } from "node:zlib";
import { classify, diagnose, readEvidenceFile, type Evidence } from "../../../core/diagnose";
import { parseLogfmt } from "../../../core/diagnose/readers/agent-log";

const TASK = "arn:aws:ecs:us-east-1:111111111111:task/prod/5f1d9a3c2b7e4d6f8a0b1c2d3e4f5a6b";
const TASK_ID = "5f1d9a3c2b7e4d6f8a0b1c2d3e4f5a6b";
const LAYER_429 = "CannotPullContainerError: ref pull has been retried 1 time(s): failed to copy: httpReadSeeker: failed open: unexpected status code https://111111111111.dkr.ecr.us-east-1.amazonaws.com/v2/orders/blobs/sha256:4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1: 429 Too Many Requests - Server message: toomanyrequests: Rate exceeded";
const LOGFMT_PULL = `level=error time=2026-03-04T14:02:14Z msg="Failed to pull image for container" task="${TASK_ID}" container="orders" image="111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1" error="${LAYER_429}"`;
const LOGFMT_MANIFEST = `level=error time=2026-03-04T14:02:15Z msg="Failed to fetch image manifest from registry" taskARN="arn:aws:ecs:us-east-1:111111111111:task/prod/7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d" containerName="web" image="nginx:1.27.3" error="toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit"`;
const SEELOG_THROTTLED = `2016-08-23T16:00:05Z [INFO] Error while pulling container; will try to run anyways module="TaskEngine" task="orders:27 arn:aws:ecs:us-east-1:111111111111:task/b1edeeba-b2dc-4d89-94b4-705e41750d3b, Status: (NONE->RUNNING) Containers: [orders (PULLED->RUNNING),]" err="ThrottlingException: Rate exceeded`;
const INFO = [
  `level=info time=2026-03-04T14:02:11Z msg="Registering Instance with ECS"`,
  `level=info time=2026-03-04T14:02:12Z msg="Pulling image for container concurrently" task="${TASK_ID}" container="orders" image="111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1"`,
];
const LOG = [INFO[0], INFO[1], LOGFMT_PULL, LOGFMT_MANIFEST, SEELOG_THROTTLED, ""].join("\n");

const read = (data: string | Buffer, name = "ecs-agent.log", limit?: number) => readEvidenceFile(Buffer.isBuffer(data) ? data : Buffer.from(data), name, limit);
const outcome = (e: Evidence) => {
  const c = classify(e);
  return c.kind === "cause" ? c.rule.id : c.kind;
};

describe("an agent log is detected and read", () => {
  const result = read(LOG);

  test("the failure lines are evidence; informational lines are skipped", () => {
    expect(result.ok && [result.format, result.warning, result.evidence.map((e) => [e.time, e.taskArn, e.cluster, e.region])]).toEqual([
      "ecs-agent-log",
      undefined,
      [
        ["2026-03-04T14:02:14Z", TASK_ID, undefined, undefined],
        ["2026-03-04T14:02:15Z", "arn:aws:ecs:us-east-1:111111111111:task/prod/7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d", "prod", "us-east-1"],
        ["2016-08-23T16:00:05Z", "arn:aws:ecs:us-east-1:111111111111:task/b1edeeba-b2dc-4d89-94b4-705e41750d3b", undefined, "us-east-1"],
      ],
    ]);
  });

  test("logfmt text is the message, the error and the image; seelog keeps the line after its level", () => {
    expect(result.ok && result.evidence.map((e) => e.text)).toEqual([
      `Failed to pull image for container: ${LAYER_429} (image 111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1)`,
      "Failed to fetch image manifest from registry: toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit (image nginx:1.27.3)",
      SEELOG_THROTTLED.slice("2016-08-23T16:00:05Z [INFO] ".length),
    ]);
  });

  test("each line is classified like the other sources", () => {
    expect(result.ok && result.evidence.map(outcome)).toEqual(["ecr-throttling", "docker-hub-anonymous", "ecr-throttling"]);
  });

  test("the same log gzip'd (told by its magic bytes, whatever the name) reads the same", () => {
    const gz = read(gzipSync(Buffer.from(LOG)), "ecs-agent.log.2026-03-04-14");
    expect(gz).toEqual({ ...result, evidence: result.ok ? result.evidence.map((e) => ({ ...e, origin: "ecs-agent.log.2026-03-04-14" })) : [] });
  });

  test("an error printed over several lines continues on indented lines", () => {
    const r = read(`level=error time=2026-03-04T14:02:14Z msg="Failed to pull image for container" task="${TASK_ID}" error="AccessDeniedException: denied\n\tstatus code: 400, request id: 3d18"`);
    expect(r.ok && r.evidence.map((e) => e.text)).toEqual(['Failed to pull image for container: AccessDeniedException: denied status code: 400, request id: 3d18"']);
  });

  test("lines that are no agent lines are counted in a warning", () => {
    const r = read(`${LOGFMT_PULL}\nsome pasted prompt $ tail ecs-agent.log\n`);
    expect(r.ok && [r.evidence.length, r.warning]).toEqual([1, "ecs-agent.log: skipped 1 line that is no ECS agent log line"]);
  });
});

describe("the agent's HTTP and registry errors are classified like the other sources", () => {
  // The error values are the runtime messages already cited in fixtures/diagnose/README.md, as the
  // agent wraps them in its "Failed to pull image for container" line.
  const line = (error: string, image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1") =>
    `level=error time=2026-03-04T14:02:14Z msg="Failed to pull image for container" task="${TASK_ID}" container="orders" image="${image}" error="${error.replace(/"/g, '\\"')}"`;
  test.each([
    ["toomanyrequests: Rate exceeded", "ecr-throttling"],
    ["toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit", "docker-hub-anonymous"],
    ["failed to resolve ref 111111111111.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/redis:7: 403 Forbidden", "ptc-forbidden"],
    ['Get "https://111111111111.dkr.ecr.us-east-1.amazonaws.com/v2/": dial tcp 3.33.139.32:443: i/o timeout', "network-no-route-ecr"],
    ['Get "https://111111111111.dkr.ecr.us-east-1.amazonaws.com/v2/": context deadline exceeded', "network-no-route-ecr"],
    ['Get "https://111111111111.dkr.ecr.us-east-1.amazonaws.com/v2/": net/http: TLS handshake timeout', "network-no-route-ecr"],
    ["CannotPullContainerError: Error response from daemon: no basic auth credentials", "registry-unauthenticated"],
    ["unauthorized: authentication required", "registry-unauthenticated"],
  ])("%s -> %s", (error, cause) => {
    const r = read(line(error));
    expect(r.ok && r.evidence.map(outcome)).toEqual([cause]);
  });
});

describe("agent log lines join the same task from describe-tasks", () => {
  const stopped: Evidence = { source: "stopped-task", origin: "tasks.json", time: "2026-03-04T14:02:20Z", service: "orders", taskArn: TASK, region: "us-east-1", cluster: "prod", text: `Task failed to start | ${LAYER_429}` };

  test("the agent line takes the task's service and counts as the same task", () => {
    const log = read(LOG);
    const d = diagnose([stopped, ...(log.ok ? log.evidence : [])]);
    const orders = d.windows.find((w) => w.service === "orders");
    expect(orders?.causes.map((c) => [c.id, c.tasks, c.evidence.map((e) => [e.source, e.taskArn])])).toEqual([
      ["ecr-throttling", 1, [["agent-log", TASK], ["stopped-task", TASK]]],
    ]);
  });
});

describe("logfmt parsing", () => {
  test("quoted values with escapes, bare values, the first of a repeated key", () => {
    expect([...parseLogfmt('level=error msg="say \\"hi\\"\\nthere" n=3 n=4 bare')]).toEqual([["level", "error"], ["msg", 'say "hi" there'], ["n", "3"]]);
  });

  test("an unterminated quote runs to the end of the line", () => {
    expect(parseLogfmt('level=warn time=2026-03-04T14:02:14Z msg="Failed to pull image: cut here').get("msg")).toBe("Failed to pull image: cut here");
  });
});

describe("hostile input: never a crash, one line", () => {
  const oneLine = (r: ReturnType<typeof read>): string => (r.ok ? "ok" : r.problem.includes("\n") ? "multi-line problem" : r.problem);

  test("binary junk", () => {
    let x = 7;
    const junk = Buffer.from(Array.from({ length: 4096 }, () => (x = (x * 1103515245 + 12345) % 2147483648) % 256));
    expect(oneLine(read(junk, "junk.bin"))).toBe("junk.bin: is binary data; expected an `aws ecs describe-services`, `aws ecs describe-tasks`, CloudTrail (`lookup-events` or log file) or `aws cloudwatch get-metric-data` export, or an ECS agent log (/var/log/ecs/ecs-agent.log)");
  });

  test("a gzip bomb stops at the bound (64 MiB by default)", () => {
    const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024, "a"), { level: 1 });
    expect(oneLine(read(bomb, "bomb.gz"))).toBe("bomb.gz: is gzip that decompresses to more than 64 MiB; refused (decompress it and pass the part around the failure)");
    expect(oneLine(read(gzipSync(Buffer.from(LOG)), "small.gz", 1024))).toBe("small.gz: is gzip that decompresses to more than 0.0009765625 MiB; refused (decompress it and pass the part around the failure)");
  });

  test("a cut gzip stream", () => {
    const gz = gzipSync(Buffer.from(LOG));
    expect(oneLine(read(gz.subarray(0, gz.length - 12), "cut.gz"))).toBe("cut.gz: is gzip but cannot be decompressed (unexpected end of file)");
  });

  test("a 10 MB single line of text is one problem line, not a 10 MB one", () => {
    const problem = oneLine(read("x".repeat(10 * 1024 * 1024), "big.log"));
    expect(problem.startsWith("big.log: is neither JSON nor an ECS agent log")).toBe(true);
    expect(problem.length).toBeLessThan(400);
  });

  test("a 10 MB agent log line is read, its text cut", () => {
    const r = read(`level=error time=2026-03-04T14:02:14Z msg="Failed to pull image ${"y".repeat(10 * 1024 * 1024)}"`);
    expect(r.ok && [r.evidence.length, r.evidence[0].text.length, r.evidence[0].text.endsWith("… (cut at 4096 characters)")]).toEqual([1, 4096 + "… (cut at 4096 characters)".length, true]);
  });

  test("a 10 MB stoppedReason built to make a rule backtrack is cut before any rule reads it", () => {
    const doc = { tasks: [{ taskArn: TASK, group: "service:orders", stoppedReason: "repository ".repeat(1024 * 1024) }] };
    const r = read(JSON.stringify(doc), "tasks.json");
    expect(r.ok && [r.evidence[0].text.length, outcome(r.evidence[0])]).toEqual([4096 + "… (cut at 4096 characters)".length, "unclassified"]);
  });

  test("a JSON key of 10 MB is shown cut in the problem", () => {
    const problem = oneLine(read(`{"${"k".repeat(10 * 1024 * 1024)}":1}`, "x.json"));
    expect(problem.length).toBeLessThan(400);
  });

  test("malformed logfmt: no time, a bare level, an unterminated quote", () => {
    const r = read(['level=error msg="Failed to pull image"', "level= time= msg=", 'level=error time=yesterday msg="Failed to pull image: i/o timeout', "=== ="].join("\n"));
    // The first line has no time= field: not an agent line; the third has an unusable time.
    expect(r.ok && [r.evidence.map((e) => [e.time, e.text]), r.warning]).toEqual([[[undefined, "Failed to pull image: i/o timeout"]], "ecs-agent.log: skipped 2 lines that are no ECS agent log lines"]);
  });
});
