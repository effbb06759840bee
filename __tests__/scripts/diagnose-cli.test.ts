import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeServicesCommand, DescribeTasksCommand, ECSClient, ListTasksCommand } from "@aws-sdk/client-ecs";
import { mockClient } from "aws-sdk-client-mock";
import { run } from "../../scripts/diagnose";

// The pinned SDK supports Node 20 (package.json engines) but warns that later releases will not;
// the warning is for users, not test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const root = join(__dirname, "..", "..");
const fx = (...p: string[]) => join("__tests__", "fixtures", "diagnose", ...p);
const classicEnv = { PULLGUARD_CONFIG: fx("classic", "platform.yaml") };

describe("npm run diagnose -- files", () => {
  test("the classic case as text: exit 0, the fix and that the config already has it", async () => {
    const out = await run([fx("classic", "services.json"), fx("classic", "tasks.json"), fx("classic", "trail.json")], classicEnv);
    expect([out.code, out.stderr]).toEqual([0, []]);
    expect(out.stdout).toContain("\n  rollout: 50 tasks started at 14:02:11\n");
    expect(out.stdout).toContain("         50 tasks started at 14:02:11 with 10-layer image: 500 GetDownloadUrlForLayer calls in one second; this config now starts at most 10 (pull budget 10)\n         the current config already fixes this (apply it)\n");
  });

  test("the README's Diagnose section shows this command's real output", async () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const block = /\n\$ PULLGUARD_CONFIG=__tests__\/fixtures\/diagnose\/classic\/platform\.yaml npm run -s diagnose -- __tests__\/fixtures\/diagnose\/classic\/\{services,tasks,trail\}\.json\n([\s\S]*?)```/.exec(readme);
    const out = await run(["services", "tasks", "trail"].map((f) => fx("classic", `${f}.json`)), classicEnv);
    expect(block?.[1]).toBe(out.stdout);
  });

  test("--format json and --format=markdown", async () => {
    const json = await run(["--format", "json", fx("mixed", "tasks.json")], classicEnv);
    expect(JSON.parse(json.stdout).windows.map((w: { service: string }) => w.service)).toEqual(["billing", "orders"]);
    const md = await run(["--format=markdown", fx("mixed", "tasks.json")], classicEnv);
    expect(md.stdout.startsWith("# pullguard diagnosis\n")).toBe(true);
  });

  test("a truncated export is diagnosed with a warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pullguard-diagnose-"));
    const text = readFileSync(join(root, fx("classic", "tasks.json")), "utf8");
    writeFileSync(join(dir, "tasks.json"), text.slice(0, Math.floor(text.length * 0.3)));
    try {
      const out = await run([join(dir, "tasks.json")], classicEnv);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(/\nwarning: .*tasks\.json: is truncated; read the 11 complete entries before the cut\n/);
      expect(out.stdout).toContain("ECR API throttling [GetDownloadUrlForLayer]: 11 tasks");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an ECS agent log, gzip'd, is read beside describe-tasks and joins its task", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pullguard-diagnose-"));
    const task = JSON.parse(readFileSync(join(root, fx("classic", "tasks.json")), "utf8")).tasks[0] as { taskArn: string; containers: { reason: string }[] };
    // The agent's logfmt line for a failed pull (aws/amazon-ecs-agent docker_task_engine.go), naming the task by id.
    const line = `level=error time=2026-03-04T14:02:13Z msg="Failed to pull image for container" task="${task.taskArn.split("/").pop()}" container="orders" image="111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1" error="${task.containers[0].reason}"\n`;
    writeFileSync(join(dir, "ecs-agent.log.1"), gzipSync(Buffer.from(line)));
    try {
      const out = await run([fx("classic", "tasks.json"), join(dir, "ecs-agent.log.1")], classicEnv);
      expect([out.code, out.stderr]).toEqual([0, []]);
      expect(out.stdout).toContain(`ecs-agent.log.1 (ecs-agent-log); config`);
      // The agent's line is the 38th task's, not a 39th.
      expect(out.stdout).toContain(`ECR API throttling [GetDownloadUrlForLayer]: 38 tasks\n    14:02:13  ECS agent log (ecs-agent.log.1): Failed to pull image for container: ${task.containers[0].reason} (image 111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1)\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("bad inputs: one line per problem, exit 1, nothing diagnosed", async () => {
    const out = await run([fx("classic", "nope.json"), fx("classic", "platform.yaml"), fx("classic"), fx("classic", "tasks.json")], classicEnv);
    expect(out).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        "__tests__/fixtures/diagnose/classic/nope.json: does not exist",
        "__tests__/fixtures/diagnose/classic/platform.yaml: is neither JSON nor an ECS agent log (no `level=... time=...` or `<time> [LEVEL]` line among its first lines); expected an `aws ecs describe-services`, `aws ecs describe-tasks`, CloudTrail (`lookup-events` or log file) or `aws cloudwatch get-metric-data` export, or an ECS agent log (/var/log/ecs/ecs-agent.log)",
        "__tests__/fixtures/diagnose/classic: is a directory",
        "pullguard diagnose: 3 unreadable inputs; nothing diagnosed",
      ],
    });
  });

  test.each([
    [[], "no evidence files; usage: npm run diagnose -- [--format text|markdown|json] <file>... | --live --environment <env> --service <service> [--since-hours N]"],
    [["--format", "yaml", "x.json"], '--format must be text, markdown or json (got "yaml")'],
    [["--live", "--service", "orders"], "--live needs --environment and --service; usage: npm run diagnose -- [--format text|markdown|json] <file>... | --live --environment <env> --service <service> [--since-hours N]"],
    [["--live", "--environment", "prod", "--service", "orders", "x.json"], "--live reads from AWS; give either files or --live; usage: npm run diagnose -- [--format text|markdown|json] <file>... | --live --environment <env> --service <service> [--since-hours N]"],
    [["--since-hours", "0", "x.json"], "--since-hours must be a whole number from 1 to 24"],
    [["--frmat", "json"], "unknown option --frmat; usage: npm run diagnose -- [--format text|markdown|json] <file>... | --live --environment <env> --service <service> [--since-hours N]"],
  ])("usage error %j", async (argv, line) => {
    expect(await run(argv, classicEnv)).toEqual({ code: 1, stdout: "", stderr: [line] });
  });

  test("an invalid config: its problems with config paths, exit 1", async () => {
    const out = await run([fx("classic", "tasks.json")], { PULLGUARD_CONFIG: fx("classic", "missing.yaml") });
    const resolved = join(process.cwd(), "__tests__", "fixtures", "diagnose", "classic", "missing.yaml");
    expect(out).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        `__tests__/fixtures/diagnose/classic/missing.yaml: does not exist (named by PULLGUARD_CONFIG, resolved to ${resolved})`,
        `pullguard diagnose: 1 problem in __tests__/fixtures/diagnose/classic/missing.yaml (${resolved})`,
      ],
    });
  });

  test("through npm's entry point: bad input prints no stack trace", () => {
    const result = spawnSync(process.execPath, [join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/diagnose.ts", "missing.json"], { cwd: root, encoding: "utf8", env: { ...process.env, ...classicEnv } });
    expect([result.status, result.stdout, result.stderr]).toEqual([1, "", "missing.json: does not exist\npullguard diagnose: 1 unreadable input; nothing diagnosed\n"]);
  });
});

describe("--live (aws-sdk-client-mock: no network)", () => {
  const ecs = mockClient(ECSClient);
  const trail = mockClient(CloudTrailClient);
  const cloudwatch = mockClient(CloudWatchClient);
  const classic = (name: string) => JSON.parse(readFileSync(join(root, fx("classic", name)), "utf8"));

  beforeEach(() => {
    ecs.reset();
    trail.reset();
    cloudwatch.reset();
    const services = classic("services.json");
    const tasks = classic("tasks.json").tasks;
    ecs.on(DescribeServicesCommand).resolves({ services: services.services });
    ecs.on(ListTasksCommand).resolves({ taskArns: tasks.map((t: { taskArn: string }) => t.taskArn) });
    ecs.on(DescribeTasksCommand).resolves({ tasks });
    trail.on(LookupEventsCommand).resolves(classic("trail.json"));
    const metrics = classic("metrics.json").MetricDataResults as { Label: string }[];
    cloudwatch.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: { Label: string }[] }) => ({ MetricDataResults: metrics.filter((m) => m.Label === input.MetricDataQueries[0].Label) }));
  });

  test("reads the service, its stopped tasks, CloudTrail and usage metrics, and diagnoses like the files", async () => {
    const out = await run(["--live", "--environment", "prod", "--service", "orders"], classicEnv);
    expect([out.code, out.stderr]).toEqual([0, []]);
    expect(out.stdout).toContain("this config now starts at most 10 (pull budget 10)\n         the current config already fixes this (apply it)\n");
    expect(out.stdout).toContain("  usage: GetDownloadUrlForLayer 1480 calls in the minute from 14:02:00 (AWS/Usage CallCount)\n");
  });

  test("calls are read-only and aimed at the config's cluster, service and Region", async () => {
    await run(["--live", "--environment", "prod", "--service", "orders"], classicEnv);
    const names = [...ecs.calls(), ...trail.calls(), ...cloudwatch.calls()].map((c) => (c.args[0] as object).constructor.name).sort();
    expect(names).toEqual(["DescribeServicesCommand", "DescribeTasksCommand", "GetMetricDataCommand", "GetMetricDataCommand", "GetMetricDataCommand", "ListTasksCommand", "LookupEventsCommand"]);
    expect(ecs.commandCalls(DescribeServicesCommand)[0].args[0].input).toEqual({ cluster: "pullguard--prod", services: ["orders"] });
    expect(ecs.commandCalls(ListTasksCommand)[0].args[0].input).toEqual({ cluster: "pullguard--prod", serviceName: "orders", desiredStatus: "STOPPED" });
    expect(ecs.commandCalls(DescribeTasksCommand)[0].args[0].input.tasks?.length).toBe(38);
    expect(trail.commandCalls(LookupEventsCommand)[0].args[0].input.LookupAttributes).toEqual([{ AttributeKey: "EventSource", AttributeValue: "ecr.amazonaws.com" }]);
    // One Metrics Insights query per GetMetricData call (the API allows no more).
    const queries = cloudwatch.commandCalls(GetMetricDataCommand).flatMap((c) => c.args[0].input.MetricDataQueries ?? []);
    expect(queries.map((q) => [q.Label, q.Expression])).toEqual([
      ["GetAuthorizationToken", `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'GetAuthorizationToken'`],
      ["BatchGetImage", `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'BatchGetImage'`],
      ["GetDownloadUrlForLayer", `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'GetDownloadUrlForLayer'`],
    ]);
    expect(await ecs.send.getCall(0).thisValue.config.region()).toBe("us-east-1");
  });

  test("an AWS error (no credentials, a denied read) is one line and exit 1", async () => {
    ecs.on(DescribeServicesCommand).rejects(Object.assign(new Error("User: arn:aws:iam::111111111111:user/x is not authorized to perform: ecs:DescribeServices\nmore"), { name: "AccessDeniedException" }));
    const out = await run(["--live", "--environment", "prod", "--service", "orders"], classicEnv);
    expect(out).toEqual({ code: 1, stdout: "", stderr: ["--live prod/orders in us-east-1: AccessDeniedException: User: arn:aws:iam::111111111111:user/x is not authorized to perform: ecs:DescribeServices"] });
  });

  test("a service the config does not have", async () => {
    expect(await run(["--live", "--environment", "prod", "--service", "payments"], classicEnv)).toEqual({ code: 1, stdout: "", stderr: ["--service payments: no service of that name in environment prod of __tests__/fixtures/diagnose/classic/platform.yaml"] });
  });
});

describe("the AWS SDK stays out of core and the synth path", () => {
  const sources = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(root, dir, name);
      return statSync(path).isDirectory() ? sources(relative(root, path)) : path.endsWith(".ts") ? [path] : [];
    });

  test("no file under app/, core/, config/, facts/, stacks/, modules/ or main.ts imports @aws-sdk", () => {
    const offenders = [...sources("app"), ...sources("core"), ...sources("config"), ...sources("facts"), ...sources("stacks"), ...sources("modules"), join(root, "main.ts")].filter((f) => readFileSync(f, "utf8").includes("@aws-sdk"));
    expect(offenders).toEqual([]);
  });

  test("the synth bundle (main.ts, as scripts/app.js builds it) contains no AWS SDK module", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildSync } = require("esbuild") as typeof import("esbuild");
    const result = buildSync({ entryPoints: [join(root, "main.ts")], bundle: true, platform: "node", target: "node20", format: "cjs", write: false, metafile: true, logLevel: "silent", absWorkingDir: root });
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs.some((i) => i.startsWith("core/"))).toBe(true);
    expect(inputs.filter((i) => i.includes("@aws-sdk") || i.includes("@smithy") || i.includes("core/diagnose"))).toEqual([]);
  });

  test("the diagnose CLI loads the live module only on --live", () => {
    const cli = readFileSync(join(root, "scripts", "diagnose.ts"), "utf8");
    expect(cli.match(/^import .*diagnose-live.*$/m)).toBeNull();
    expect(cli).toContain('await import("./lib/diagnose-live")');
  });
});
