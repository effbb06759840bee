import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig, parseConfigText } from "../../../config/load";
import { platform } from "../../../config/platform";
import { diagnose, formatJson, formatMarkdown, formatText, linkPlan, readEvidenceFile, type PlanLink } from "../../../core/diagnose";
import type { Evidence } from "../../../core/diagnose/types";
import { planPlatform } from "../../../core/plan";

const fixtures = join(__dirname, "..", "..", "fixtures", "diagnose");

function evidence(...files: string[]): Evidence[] {
  return files.flatMap((f) => {
    const read = readEvidenceFile(readFileSync(join(fixtures, f)), f.split("/").pop() as string);
    if (!read.ok) throw new Error(read.problem);
    return [...read.evidence];
  });
}

function linkFromYaml(text: string): PlanLink {
  const loaded = parseConfigText(text, "platform.yaml");
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return linkPlan(planPlatform(loaded.config));
}

const classicYaml = readFileSync(join(fixtures, "classic", "platform.yaml"), "utf8");
const classicLink = linkFromYaml(classicYaml);
const embedded = parseConfig(platform);
if (!embedded.ok) throw new Error("embedded config invalid");
const embeddedLink = linkPlan(planPlatform(embedded.config));

describe("the classic case: a 50-task rollout at maximumPercent 200 throttled on ECR", () => {
  const d = diagnose(evidence("classic/services.json", "classic/tasks.json", "classic/trail.json", "classic/metrics.json"), { link: classicLink });

  test("one window for orders, from the burst to the rollback", () => {
    expect(d.windows.map((w) => [w.service, w.start, w.end])).toEqual([["orders", "2026-03-04T14:02:11Z", "2026-03-04T14:09:40Z"]]);
    // Five "has started 10 tasks" events in one second are one burst of 50.
    expect(d.windows[0].bursts).toEqual([{ time: "2026-03-04T14:02:11Z", tasks: 50 }]);
    expect(d.windows[0].unclassified).toEqual([]);
  });

  test("the cause is GetDownloadUrlForLayer throttling: 38 stopped tasks and 6 CloudTrail throttles", () => {
    const [cause] = d.windows[0].causes;
    expect([d.windows[0].causes.length, cause.id, cause.detail.api, cause.tasks]).toEqual([1, "ecr-throttling", "GetDownloadUrlForLayer", 38]);
    expect(cause.evidence.filter((e) => e.source === "cloudtrail").length).toBe(6);
  });

  test("the fix: the rollout the budget computes now, and the current config already applies it", () => {
    expect(d.windows[0].causes[0].fix).toEqual({
      configPath: "environments.prod.services.orders.deployment",
      change: "minimumHealthyPercent 100 / maximumPercent 120 (10 tasks at once)",
      // 50 tasks x 10 layers = 500 calls; floor(50 x 120 / 100) - 50 = 10 tasks.
      explanation: "50 tasks started at 14:02:11 with 10-layer image: 500 GetDownloadUrlForLayer calls in one second; this config now starts at most 10 (pull budget 10)",
      status: "fixed",
    });
  });

  test("usage metrics: the peak minute per API", () => {
    expect(d.windows[0].usagePeaks).toEqual([
      { api: "BatchGetImage", time: "2026-03-04T14:02:00Z", callsPerMinute: 50 },
      { api: "GetDownloadUrlForLayer", time: "2026-03-04T14:02:00Z", callsPerMinute: 1480 },
    ]);
  });

  test("against a config that still rolls out at 200% the fix is not there yet", () => {
    const stillBroken = linkFromYaml(classicYaml.replace("maxConcurrentStarts: 10", "maximumPercent: 200\n          minimumHealthyPercent: 100"));
    const fix = diagnose(evidence("classic/services.json", "classic/tasks.json"), { link: stillBroken }).windows[0].causes[0].fix;
    expect(fix).toEqual({
      configPath: "environments.prod.services.orders.deployment",
      // The budget (default cap 25 concurrent starts) computes floor(50 x 150 / 100) - 50 = 25.
      change: "minimumHealthyPercent 100 / maximumPercent 150 (25 tasks at once)",
      explanation:
        "50 tasks started at 14:02:11 with 10-layer image: 500 GetDownloadUrlForLayer calls in one second; this config now starts at most 50 (pull budget 25); the deployment override starts more than the budget allows: remove it (the budget computes minimumHealthyPercent 100 / maximumPercent 150 (25 tasks at once))",
      status: "not-fixed",
    });
  });

  test("against a config whose budget still allows the whole fleet at once", () => {
    const loose = linkFromYaml(classicYaml.replace("maxConcurrentStarts: 10", "maxConcurrentStarts: 60"));
    const fix = diagnose(evidence("classic/services.json", "classic/tasks.json"), { link: loose }).windows[0].causes[0].fix;
    // Budget = min(60, 1500 calls / 10 layers = 150, desiredCount 50) = 50: maximumPercent 200.
    expect([fix?.change, fix?.status]).toEqual(["minimumHealthyPercent 100 / maximumPercent 200 (50 tasks at once)", "not-fixed"]);
    expect(fix?.explanation.endsWith("this config now starts at most 50 (pull budget 50); lower deployment.maxConcurrentStarts (or pullBudget.defaultMaxConcurrentStarts)")).toBe(true);
  });

  test("without a config: the cause, no fix", () => {
    const plain = diagnose(evidence("classic/tasks.json"));
    expect(plain.windows[0].causes.map((c) => [c.id, c.fix])).toEqual([["ecr-throttling", undefined]]);
  });
});

describe("a mixed export: throttling plus an unrelated IAM failure", () => {
  const d = diagnose(evidence("mixed/services.json", "mixed/tasks.json", "mixed/trail-log.json"), { link: classicLink });

  test("split per service, each with its own cause and only its own CloudTrail records", () => {
    expect(d.windows.map((w) => [w.service, w.causes.map((c) => [c.id, c.tasks, c.evidence.filter((e) => e.source === "cloudtrail").length])])).toEqual([
      ["billing", [["iam-cache-create-repository", 3, 1]]],
      ["orders", [["ecr-throttling", 12, 4]]],
    ]);
  });

  test("the issue's numbers: 18 tasks at 14:02:11, 180 GetDownloadUrlForLayer calls, now at most 10", () => {
    const orders = d.windows.find((w) => w.service === "orders");
    expect(orders?.causes[0].fix?.explanation).toBe("18 tasks started at 14:02:11 with 10-layer image: 180 GetDownloadUrlForLayer calls in one second; this config now starts at most 10 (pull budget 10)");
  });

  test("the IAM fix names the action, and pullguard's role for billing grants it", () => {
    const billing = d.windows.find((w) => w.service === "billing");
    expect(billing?.causes[0].fix).toEqual({
      configPath: "environments.prod.services.billing",
      change: "execution role pullguard--prod--billing-exec allows ecr:CreateRepository",
      explanation: "the running execution role lacks ecr:CreateRepository on arn:aws:ecr:us-east-1:111111111111:repository/docker-hub/bitnami/redis; the role this config generates grants it: apply the environment stack",
      status: "fixed",
    });
  });

  test("the unrelated out-of-memory stop stays visible as unclassified", () => {
    expect(d.windows.find((w) => w.service === "orders")?.unclassified.map((e) => e.text)).toEqual(["Essential container in task exited | OutOfMemoryError: Container killed due to memory usage"]);
  });
});

describe("windows", () => {
  const task = (service: string, time: string, text: string): Evidence => ({ source: "stopped-task", origin: "t", service, time, taskArn: `arn:aws:ecs:us-east-1:111111111111:task/prod/${service}-${time}`, text });
  const throttled = "CannotPullContainerError: failed to resolve ref 111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:1: 429 Too Many Requests";

  test("failures more than 15 minutes apart are separate windows", () => {
    const d = diagnose([task("orders", "2026-03-04T14:00:00Z", throttled), task("orders", "2026-03-04T14:14:59Z", throttled), task("orders", "2026-03-04T14:30:00Z", throttled)]);
    expect(d.windows.map((w) => [w.start, w.end, w.causes[0].tasks])).toEqual([
      ["2026-03-04T14:00:00Z", "2026-03-04T14:14:59Z", 2],
      ["2026-03-04T14:30:00Z", "2026-03-04T14:30:00Z", 1],
    ]);
  });

  test("CloudTrail failures near no service window stay account-level", () => {
    const d = diagnose([{ source: "cloudtrail", origin: "t", time: "2026-03-04T03:00:00Z", text: "BatchGetImage ThrottlingException: Rate exceeded (ecr.amazonaws.com)", eventName: "BatchGetImage", errorCode: "ThrottlingException" }]);
    expect(d.windows.map((w) => [w.service, w.causes.map((c) => [c.id, c.detail.api])])).toEqual([[undefined, [["ecr-throttling", "BatchGetImage"]]]]);
  });

  test("a throttled GetAuthorizationToken corroborates a ResourceInitializationError beside it", () => {
    const d = diagnose([
      task("orders", "2026-03-04T14:00:00Z", "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): ThrottlingException: Rate exceeded"),
      { source: "cloudtrail", origin: "t", time: "2026-03-04T14:00:01Z", text: "GetAuthorizationToken ThrottlingException: Rate exceeded (ecr.amazonaws.com)", eventName: "GetAuthorizationToken", errorCode: "ThrottlingException" },
    ]);
    expect(d.windows.map((w) => [w.service, w.causes.map((c) => c.id)])).toEqual([["orders", ["resource-init-throttling", "ecr-throttling"]]]);
  });

  test("a window with only context (a steady state) is no window", () => {
    expect(diagnose([{ source: "service-event", origin: "t", service: "orders", time: "2026-03-04T14:00:00Z", text: "(service orders) has reached a steady state." }]).windows).toEqual([]);
  });
});

describe("fixes against the embedded config", () => {
  const one = (service: string, text: string, environment = "prod") => {
    const e: Evidence = { source: "stopped-task", origin: "t", service, time: "2026-03-04T14:00:00Z", taskArn: "arn:aws:ecs:us-east-1:111111111111:task/prod/abc", text };
    return diagnose([e], { link: embeddedLink, environment }).windows[0].causes[0].fix;
  };

  test("Docker Hub limits: the cache rule exists and nothing pulls Docker Hub directly", () => {
    const fix = one("web", "CannotPullContainerError: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading");
    expect([fix?.configPath, fix?.status]).toEqual(["accounts.main.registry.pullThroughCache.dockerHub", "fixed"]);
    expect(fix?.explanation).toContain("100 pulls per 6 hours per IP unauthenticated");
  });

  test("no S3 gateway endpoint: this config creates it", () => {
    const fix = one("orders", 'CannotPullContainerError: failed to do request: Get "https://prod-us-east-1-starport-layer-bucket.s3.us-east-1.amazonaws.com/x": dial tcp 52.217.0.10:443: i/o timeout');
    expect(fix).toEqual({ configPath: "environments.prod.endpoints", change: "s3", explanation: "ECR serves layers from S3: the S3 gateway endpoint must be on the tasks' route tables (privateRouteTableIds); this config creates s3 in us-east-1", status: "fixed" });
  });

  test("a missing cache rule: quay is enabled in this config, so the fix is applying it", () => {
    const fix = one("metrics", "CannotPullContainerError: pull access denied for 111111111111.dkr.ecr.us-east-1.amazonaws.com/quay/prometheus/node-exporter, repository does not exist or may require 'docker login'");
    expect([fix?.configPath, fix?.change, fix?.status]).toEqual(["accounts.main.registry.pullThroughCache.quay", "enable the quay pull-through cache rule", "fixed"]);
  });

  test("a missing cache rule the config lacks too", () => {
    const e: Evidence = { source: "stopped-task", origin: "t", service: "orders", time: "2026-03-04T14:00:00Z", text: "CannotPullContainerError: pull access denied for 111111111111.dkr.ecr.us-east-1.amazonaws.com/quay/prometheus/node-exporter, repository does not exist or may require 'docker login'" };
    const fix = diagnose([e], { link: classicLink }).windows[0].causes[0].fix;
    expect([fix?.configPath, fix?.status]).toEqual(["accounts.main.registry.pullThroughCache.quay", "not-fixed"]);
  });

  test("a tag missing in a Region that gets the image by replication", () => {
    const e: Evidence = { source: "stopped-task", origin: "t", service: "orders", time: "2026-03-04T14:00:00Z", taskArn: "arn:aws:ecs:us-west-2:111111111111:task/prod/abc", text: "CannotPullContainerError: Error response from daemon: manifest for 111111111111.dkr.ecr.us-west-2.amazonaws.com/orders:3f9c2d1 not found: manifest unknown: Requested image not found" };
    // The embedded example caches its own image across Regions (ECR-to-ECR) by default; replication is opt-in.
    const replicating = parseConfig(platform);
    if (!replicating.ok) throw new Error("embedded config invalid");
    replicating.config.accounts.main!.registry!.ownImages = "replication";
    const fix = diagnose([e], { link: linkPlan(planPlatform(replicating.config)), environment: "prod" }).windows[0].causes[0].fix;
    expect(fix?.explanation).toBe("the image reaches this Region by replication: replication is asynchronous (a deploy right after a push races it) and never copies images pushed before replication was configured");
  });

  test("a tag the upstream does not have, for an image pulled through the cache", () => {
    const e: Evidence = { source: "stopped-task", origin: "t", service: "billing", time: "2026-03-04T14:00:00Z", text: "CannotPullContainerError: Error response from daemon: manifest for 111111111111.dkr.ecr.us-east-1.amazonaws.com/docker-hub/bitnami/redis:7.2 not found: manifest unknown: Requested image not found" };
    const fix = diagnose([e], { link: classicLink }).windows[0].causes[0].fix;
    expect([fix?.configPath, fix?.change]).toEqual(["environments.prod.services.billing.image", "an image and tag that exist upstream (bitnami/redis:7.2)"]);
    expect(fix?.explanation).toContain("the upstream registry answered 404");
  });

  test("a digest pinned through the cache that was never cached", () => {
    const digest = "sha256:9b7a4d0e9c3f5a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899a";
    const pinned = linkFromYaml(classicYaml.replace("image: bitnami/redis:7.2", `image: bitnami/redis@${digest}`));
    const e: Evidence = { source: "stopped-task", origin: "t", service: "billing", time: "2026-03-04T14:00:00Z", text: `CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref 111111111111.dkr.ecr.us-east-1.amazonaws.com/docker-hub/bitnami/redis@${digest}: not found` };
    expect(diagnose([e], { link: pinned }).windows[0].causes[0].fix).toEqual({
      configPath: "environments.prod.services.billing.image",
      change: "pin a tag through the cache, not a digest",
      explanation: "a digest that was never cached cannot be pulled through the cache by digest (first pull by tag)",
      status: "not-fixed",
    });
  });

  test("a service name in several environments gets no fix without --environment", () => {
    const e: Evidence = { source: "stopped-task", origin: "t", service: "orders", time: "2026-03-04T14:00:00Z", text: "CannotPullContainerError: context canceled" };
    expect(diagnose([e], { link: embeddedLink }).windows[0].causes[0].fix).toBeUndefined();
  });

  test("Fargate launch throttling compares the burst with the 100-task launch bucket", () => {
    const d = diagnose(
      [
        { source: "service-event", origin: "t", service: "worker", region: "us-east-1", time: "2026-03-04T14:00:00Z", text: "(service worker) has started 150 tasks:", startedTasks: 150 },
        { source: "service-event", origin: "t", service: "worker", time: "2026-03-04T14:00:05Z", text: "(service worker) operations are being throttled. Will try again later." },
      ],
      { link: embeddedLink, environment: "prod" },
    );
    expect(d.windows[0].causes[0].fix?.explanation).toMatch(/^150 tasks started at 14:00:00 against a Fargate launch bucket of 100 burst, 20\/s sustained/);
  });
});

describe("output formats", () => {
  const d = diagnose(evidence("mixed/services.json", "mixed/tasks.json", "mixed/trail-log.json"), { link: classicLink, inputs: ["services.json", "tasks.json", "trail-log.json"], config: "platform.yaml" });

  test("text: one block per window, identical messages counted", () => {
    const text = formatText(d);
    expect(text.split("\n").slice(0, 3)).toEqual(["pullguard diagnose: services.json, tasks.json, trail-log.json; config platform.yaml", "2 windows, 2 causes, 1 unclassified line.", ""]);
    expect(text).toContain("\nbilling  2026-03-04 14:02:40 to 14:02:47 UTC\n");
    expect(text).toContain("    14:02:20  stopped task x12 (tasks.json): Task failed to start | CannotPullContainerError: ref pull has been retried");
    expect(text).toContain("    fix: environments.prod.services.orders.deployment: minimumHealthyPercent 100 / maximumPercent 120 (10 tasks at once)\n");
  });

  test("Markdown: headings per window and cause, evidence as code", () => {
    const md = formatMarkdown(d);
    expect(md).toContain("\n## billing — 2026-03-04 14:02:40 to 14:02:47 UTC\n");
    expect(md).toContain("\n### ECR API throttling [GetDownloadUrlForLayer]: 12 tasks\n");
    expect(md).toContain("**Current config:** the current config already fixes this (apply it).");
  });

  test("JSON round-trips the whole diagnosis, every evidence line included", () => {
    const parsed = JSON.parse(formatJson(d));
    expect(parsed.windows.map((w: { service: string }) => w.service)).toEqual(["billing", "orders"]);
    expect(parsed.windows[1].causes[0].evidence.length).toBe(16);
  });

  test("the same evidence in any order gives the same output", () => {
    const files = ["mixed/trail-log.json", "mixed/tasks.json", "mixed/services.json"];
    const reordered = diagnose(evidence(...files).reverse(), { link: classicLink, inputs: ["services.json", "tasks.json", "trail-log.json"], config: "platform.yaml" });
    expect(formatJson(reordered)).toBe(formatJson(d));
  });
});
