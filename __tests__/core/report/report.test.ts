/**
 * The pull-budget report (core/report/report.ts): on the embedded example, the summary line, rollout
 * durations and bursts by cause per service, and the Mermaid chart per registry; on small configs,
 * refused verdicts, the suppressed section, the first-apply section and the deploy order, as the
 * literal text a reviewer reads.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfigText } from "../../../config/load";
import { planPlatform } from "../../../core/plan";
import type { PlatformPlan } from "../../../core/model/plan-types";
import { deployOrderLine, firstApplyLines } from "../../../core/report/first-apply";
import { pullBudgetMarkdown, pullBudgetReport } from "../../../core/report/report";
import { registryShares } from "../../../core/report/starts";
import { planValid, SERVICE_ACCOUNT, singleEnvironment } from "../../helpers/service-config";
import { synthesize } from "../../helpers/synth";

const { plan } = synthesize();
const report = pullBudgetReport(plan);
const markdown = pullBudgetMarkdown(plan, report);

test("summary: 14 services, none refused, 2 warnings; the slowest rollout is prod worker, 200 tasks at 24 per wave = 9 x 120 s", () => {
  // The two warnings: PG-ENDPOINT-POLICY-SCOPE on prod-us-east-1 and prod-us-west-2 (restrictToAccount).
  expect(report.summary).toEqual({ services: 14, refused: 0, warnings: 2, fargate: { vcpuRefusals: 0, launchRateWarnings: 0 }, slowestRollout: { service: "prod-us-east-1/worker", seconds: 1080 } });
  // The report opens with what a first apply adopts, imports or replaces and the deploy order; the pull budget follows.
  const lines = markdown.split("\n");
  expect(lines[0]).toBe("# First apply");
  const budget = lines.indexOf("# Pull budget");
  expect(lines.slice(budget, budget + 3)).toEqual(["# Pull budget", "", "**14 services, 0 refused, 2 warnings; slowest rollout: prod-us-east-1/worker, 18 min.**"]);
});

test("per service: fleet at autoscaling.max, waves x time per wave, worst burst by cause, allowances", () => {
  const storefront = report.stacks.find((s) => s.stack === "staging")!.services.find((s) => s.service === "storefront")!;
  // Fleet 20 (max) at 100/200 -> 20 at once, one wave; target tracking from 2 to 20 may add 18 at once.
  expect(storefront).toMatchObject({
    strategy: "ROLLING",
    fleet: 20,
    rolloutDuration: { waves: 1, secondsPerWave: 120, bakeSeconds: 0, seconds: 120 },
    worstBurstByCause: { deploy: { tasks: 20 }, "scale-out": { tasks: 18 } },
    allowances: { azRebalancing: 20, spotInterruptions: 0 },
  });
  const worker = report.stacks.find((s) => s.stack === "prod-us-east-1")!.services.find((s) => s.service === "worker")!;
  expect(worker.allowances).toEqual({ azRebalancing: 24, spotInterruptions: 135 });
  expect(markdown).toContain("| worker | ROLLING | 200 | 9 x 120 s = 18 min | 24 tasks (8.0% of GDUFL) | - | - | 24 | 135 |");
});

test("per registry: each API's peak share by cause; us-east-1 scale-out is storefront's 18 Fargate tasks of 10 layers = 180 of 3000 GDUFL", () => {
  const east = registryShares(plan, "registry-111111111111-us-east-1");
  expect(east.map((r) => r.cause)).toEqual(["deploy", "strategy", "scale-out"]);
  // strategy: staging/checkout's canary starts its whole fleet, 3 tasks x 10 layers = 30 of 3000.
  expect(east[1]!.shares.GetDownloadUrlForLayer).toBeCloseTo(0.01, 10);
  expect(east[2]!.shares.GetDownloadUrlForLayer).toBeCloseTo(0.06, 10);
  expect(east[2]!.shares.GetAuthorizationToken).toBeCloseTo(18 / 500, 10);
  expect(markdown).toContain(
    [
      "```mermaid",
      "xychart-beta",
      '    title "registry-111111111111-us-west-2: peak share of each ECR quota by cause (%)"',
      '    x-axis ["GAT deploy", "BGI deploy", "GDUFL deploy"]',
      '    y-axis "% of quota in the peak second" 0 --> 100',
      "    bar [13.4, 4.6, 26.1]",
      "    line [50, 50, 50]",
      "```",
    ].join("\n"),
  );
});

/** A config from config/examples, parsed and planned (the examples test keeps them valid). */
function examplePlan(file: string): PlatformPlan {
  const loaded = parseConfigText(readFileSync(join(__dirname, "..", "..", "..", "config", "examples", file), "utf8"), file);
  if (!loaded.ok) throw new Error(`${file} is invalid`);
  return planPlatform(loaded.config);
}

const TEAM = `${SERVICE_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;

describe("refused verdicts", () => {
  // web: 2 tasks at 100/125 start floor(2 x 125 / 100) - ceil(2 x 100 / 100) = 2 - 2 = 0 at once: PG-ROLLOUT-PROGRESS.
  // api: 4 tasks at the computed 100/200 start 8 - 4 = 4 at once, 1 image of 5 layers:
  //   GAT 4 / 500 = 0.8%, BGI 4 / 2000 = 0.2%, GDUFL 4 x 5 = 20 / 3000 = 0.67% -> 0.7%.
  const plan = planValid(
    singleEnvironment({
      api: { image: `${TEAM}/api:1.0`, desiredCount: 4, imageLayers: 5 },
      web: { image: `${TEAM}/web:2.0`, desiredCount: 2, imageLayers: 10, deployment: { minimumHealthyPercent: 100, maximumPercent: 125 } },
    }),
  );
  const report = pullBudgetReport(plan);
  const markdown = pullBudgetMarkdown(plan, report);
  const progress =
    "web: desiredCount 2 at minimumHealthyPercent 100 / maximumPercent 125 starts no task at once (floor(2x125/100) - ceil(2x100/100) = 0), " +
    "so the deployment cannot progress; use minimumHealthyPercent 100 / maximumPercent 200";

  test("a service with an error finding is refused, counted, and its rollout never finishes", () => {
    expect(report.summary).toEqual({ services: 2, refused: 1, warnings: 0, fargate: { vcpuRefusals: 0, launchRateWarnings: 0 }, slowestRollout: { service: "prod/web", seconds: null } });
    expect(report.stacks[0]!.services.map((s) => [s.service, s.verdict, s.findings.map((f) => f.rule)])).toEqual([
      ["api", "ok", []],
      ["web", "refused", ["PG-ROLLOUT-PROGRESS"]],
    ]);
    expect(markdown).toContain("**2 services, 1 refused, 0 warnings; slowest rollout: prod/web, never (no task can start).**");
  });

  test("the Markdown marks the refused row in bold and lists the error under Findings", () => {
    expect(markdown).toContain(
      [
        "| api | FARGATE | 4 | 100/200 | 4 | 4 | 4 (0.8%) | 4 (0.2%) | 20 (0.7%) | `111111111111.dkr.ecr.us-east-1.amazonaws.com/api:1.0` | ok |",
        "| web | FARGATE | 2 | 100/125 | 0 | 2 | 0 (0.0%) | 0 (0.0%) | 0 (0.0%) | `111111111111.dkr.ecr.us-east-1.amazonaws.com/web:2.0` | **refused** |",
        "| *all services at once* | | | | | | 4 (0.8%) | 4 (0.2%) | 20 (0.7%) | | ok |",
      ].join("\n"),
    );
    expect(markdown).toContain("| web | ROLLING | 2 | cannot progress = never (no task can start) | 0 tasks (0.0% of GAT) | - | - | 0 | 0 |");
    expect(markdown.slice(markdown.indexOf("## Findings"))).toBe(
      ["## Findings", "", `- **error** \`PG-ROLLOUT-PROGRESS\` (prod) \`environments.prod.services.web.deployment\`: ${progress}`, ""].join("\n"),
    );
  });

  test("over the quota share: refused for the service, only a warning for every service rolling at once", () => {
    // 200 Fargate tasks at 100/200 start 200; 100 launch in the first second, 20 layers each:
    // GAT 100 / 500 = 20.0%, BGI 100 / 2000 = 5.0%, GDUFL 100 x 20 = 2000 / 3000 = 66.7% > 50%.
    const batch = planValid(
      singleEnvironment({ batch: { image: `${TEAM}/batch:3.1`, desiredCount: 200, imageLayers: 20, deployment: { minimumHealthyPercent: 100, maximumPercent: 200 } } }),
    );
    const batchReport = pullBudgetReport(batch);
    expect(batchReport.stacks[0]!.services[0]!.verdict).toBe("refused");
    expect(batchReport.stacks[0]!.allServicesAtOnce.verdict).toBe("warning");
    expect(batchReport.accountRegions.map((g) => g.verdict)).toEqual(["warning"]);
    const text = pullBudgetMarkdown(batch, batchReport);
    expect(text).toContain(
      "| batch | FARGATE | 200 | 100/200 | 200 | 25 | 100 (20.0%) | 100 (5.0%) | 2000 (66.7%) | `111111111111.dkr.ecr.us-east-1.amazonaws.com/batch:3.1` | **refused** |\n" +
        "| *all services at once* | | | | | | 100 (20.0%) | 100 (5.0%) | 2000 (66.7%) | | warning |",
    );
    expect(text).toContain(
      "| 111111111111.dkr.ecr.us-east-1.amazonaws.com (every environment's services rolling at once) | 100 (20.0%) | 100 (5.0%) | 2000 (66.7%) | warning |",
    );
    expect(text).toContain("    bar [20, 5, 66.7]\n    line [50, 50, 50]\n");
  });
});

describe("a service its errors kept out of the plan", () => {
  // web's Docker Hub image has no cache rule and direct Docker Hub pulls are not allowed: the planner
  // drops web, so only api is planned. Before, the summary then read "1 service, 0 refused".
  const plan = planValid(
    singleEnvironment({
      api: { image: `${TEAM}/api:1.0`, desiredCount: 4, imageLayers: 5 },
      web: { image: "nginx:1.27.3", desiredCount: 2 },
    }),
  );
  const report = pullBudgetReport(plan);
  const cause = '"nginx:1.27.3": no pull-through cache rule for Docker Hub (docker.io); enable pullThroughCache.dockerHub';

  test("is counted as a refused service, with its findings, in the JSON", () => {
    expect(report.summary).toEqual({ services: 2, refused: 1, warnings: 0, fargate: { vcpuRefusals: 0, launchRateWarnings: 0 }, slowestRollout: { service: "prod/api", seconds: 120 } });
    expect(report.stacks[0]!.services.map((s) => s.service)).toEqual(["api"]);
    expect(report.stacks[0]!.unplannedServices).toEqual([
      { service: "web", verdict: "refused", findings: [{ level: "error", rule: "PG-IMAGE-REWRITE", path: "environments.prod.services.web.image", message: cause }] },
    ]);
  });

  test("has a refused row in the Markdown table, and a planned stack has no unplannedServices key", () => {
    expect(pullBudgetMarkdown(plan, report)).toContain(
      "**2 services, 1 refused, 0 warnings; slowest rollout: prod/api, 2 min.**",
    );
    expect(pullBudgetMarkdown(plan, report)).toContain(
      "| web | not planned: see Findings | | | | | | | | | **refused** |\n| *all services at once* |",
    );
    expect("unplannedServices" in pullBudgetReport(examplePlan("minimal.yaml")).stacks[0]!).toBe(false);
  });
});

describe("suppressed section", () => {
  const reason = "web is drained by hand before each release (ticket PLAT-7)";
  const plan = planValid({
    ...singleEnvironment({ web: { image: `${TEAM}/web:2.0`, desiredCount: 2, imageLayers: 10, deployment: { minimumHealthyPercent: 100, maximumPercent: 125 } } }),
    suppressions: [{ rule: "PG-ROLLOUT-PROGRESS", path: "environments.prod.services.web.deployment", reason }],
  });
  const report = pullBudgetReport(plan);
  const markdown = pullBudgetMarkdown(plan, report);

  test("an accepted error no longer refuses the service and is listed with its reason after the findings", () => {
    expect(report.summary.refused).toBe(0);
    expect(report.stacks[0]!.services[0]!.verdict).toBe("ok");
    expect(report.suppressed).toEqual([
      {
        level: "error",
        rule: "PG-ROLLOUT-PROGRESS",
        stack: "prod",
        path: "environments.prod.services.web.deployment",
        message: expect.stringMatching(/^web: desiredCount 2 at minimumHealthyPercent 100 \/ maximumPercent 125 starts no task at once/),
        reason,
      },
    ]);
    const tail = markdown.slice(markdown.indexOf("## Findings"));
    expect(tail).toBe(
      [
        "## Findings",
        "",
        "None.",
        "",
        "## Suppressed",
        "",
        "- error `PG-ROLLOUT-PROGRESS` (prod) `environments.prod.services.web.deployment`: web: desiredCount 2 at minimumHealthyPercent 100 / maximumPercent 125 " +
          "starts no task at once (floor(2x125/100) - ceil(2x100/100) = 0), so the deployment cannot progress; use minimumHealthyPercent 100 / maximumPercent 200 " +
          `**Accepted because:** ${reason}`,
        "",
      ].join("\n"),
    );
  });
});

describe("first apply and deploy order", () => {
  const SINGLETONS_NOTE =
    "Registry singletons not declared under `accounts.<alias>.registry.existing.<region>` are created: if one exists already, the first apply overwrites it " +
    "(replication configuration, registry policy, scanning) or fails (cache rule, credential secret).";

  test("existing registry singletons: every import and replacement, then the deploy order", () => {
    expect(firstApplyLines(examplePlan("existing-registry-singletons.yaml"))).toEqual([
      "# First apply",
      "",
      "- import (registry-123456789012-eu-west-1): credential secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf (value untouched unless the credential is apply-time)",
      "- import (registry-123456789012-eu-west-1): pull-through cache rule docker-hub (replaced if its upstream, credential or role differs)",
      "- import (registry-123456789012-eu-west-1): registry policy of 123456789012",
      "- import (registry-123456789012-eu-west-1): registry scanning configuration",
      "- replace (registry-123456789012-eu-west-1): scanning becomes BASIC SCAN_ON_PUSH for every repository",
      "- replace (registry-123456789012-eu-west-1): the registry policy becomes pullguard's statements plus registryPolicyStatements (statements not listed there are dropped)",
      "",
      SINGLETONS_NOTE,
      "",
      "## Deploy order",
      "",
      "1. registry-123456789012-eu-west-1",
      "2. prod",
      "",
      "`cdktf deploy '*'` follows it (stack dependencies); with plain Terraform, apply wave by wave.",
    ]);
  });

  test("nothing adopted: says so, and notes each credential secret created empty (not the apply-time one)", () => {
    const plan = planValid({
      ...singleEnvironment({ web: { image: "nginx:1.27.3", desiredCount: 2 } }),
      accounts: {
        main: { id: SERVICE_ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } }, ghcr: { credential: { source: "create", value: "apply-time" } } } } },
      },
    });
    expect(firstApplyLines(plan)).toEqual([
      "# First apply",
      "",
      "Adopts, imports and replaces nothing (no existing infrastructure is declared in the config).",
      "- note (registry-111111111111-us-east-1): ecr-pullthroughcache/docker-hub is created empty and the docker-hub cache rule reads it when created: put its value, then apply again (or set value: apply-time)",
      "",
      SINGLETONS_NOTE,
      "",
      "## Deploy order",
      "",
      "1. registry-111111111111-us-east-1",
      "2. prod",
      "",
      "`cdktf deploy '*'` follows it (stack dependencies); with plain Terraform, apply wave by wave.",
    ]);
  });

  test("three accounts: the account that owns the team's images first, the other registries, then the environments", () => {
    const plan = examplePlan("estate-three-accounts.yaml");
    const lines = firstApplyLines(plan);
    expect(lines.slice(lines.indexOf("## Deploy order"))).toEqual([
      "## Deploy order",
      "",
      "1. registry-111122223333-us-east-1",
      "2. registry-222233334444-us-east-1, registry-333344445555-us-east-1, registry-333344445555-us-west-2",
      "3. prod-us-east-1, prod-us-west-2, staging",
      "",
      "`cdktf deploy '*'` follows it (stack dependencies); with plain Terraform, apply wave by wave.",
    ]);
    expect(deployOrderLine(plan)).toBe(
      "pullguard: deploy order: (1) registry-111122223333-us-east-1  (2) registry-222233334444-us-east-1 registry-333344445555-us-east-1 registry-333344445555-us-west-2  (3) prod-us-east-1 prod-us-west-2 staging",
    );
    expect(pullBudgetReport(plan).deployOrder).toEqual([
      ["registry-111122223333-us-east-1"],
      ["registry-222233334444-us-east-1", "registry-333344445555-us-east-1", "registry-333344445555-us-west-2"],
      ["prod-us-east-1", "prod-us-west-2", "staging"],
    ]);
  });
});
