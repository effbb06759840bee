import { parseConfig } from "../../../config/load";
import type { PlatformConfigInput } from "../../../config/schema";
import { planPlatform } from "../../../core/plan";
import { budgetDiffMarkdown, budgetDiffText, diffBudgets, pullBudgetJson, pullBudgetReport, readBudgetReport, type BudgetSnapshot } from "../../../core/report";
import { OWN_IMAGE, platform } from "../../rules/rule-cases";

/** The report of a config, as `npm run diff` reads it: pull-budget.json text, parsed. */
function snapshotOf(config: PlatformConfigInput): BudgetSnapshot {
  const parsed = parseConfig(config);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join("\n"));
  const read = readBudgetReport(JSON.parse(pullBudgetJson(pullBudgetReport(planPlatform(parsed.config)))));
  if (typeof read === "string") throw new Error(read);
  return read;
}

describe("the pull budget's change between two reports", () => {
  // Fargate, one 10-layer image from the account's own ECR, quotas at their defaults (500/2,000/3,000 per second).
  const base = snapshotOf(platform({ web: { image: OWN_IMAGE, desiredCount: 4 }, worker: { image: OWN_IMAGE, desiredCount: 1 } }));
  const head = snapshotOf(platform({ web: { image: OWN_IMAGE, desiredCount: 6 }, worker: { image: OWN_IMAGE, desiredCount: 1 } }));

  test("a desired count from 4 to 6, worked out by hand", () => {
    // 4 tasks: budget min(25, 4) = 4, 100/200 starts 4: 4 GAT (4/500 = 0.8%), 4 BGI (0.2%), 40 GDUFL (40/3,000 = 1.33%).
    // 6 tasks: 6 at once: 6 GAT (1.2%), 6 BGI (0.3%), 60 GDUFL (2.0%). One wave of 120 s either way, verdict ok either way.
    expect(diffBudgets(base, head)).toEqual({
      summary: {
        before: { services: 2, refused: 0, warnings: 0, slowestRollout: { service: "prod/web", seconds: 120 } },
        after: { services: 2, refused: 0, warnings: 0, slowestRollout: { service: "prod/web", seconds: 120 } },
        changed: false,
      },
      services: [
        {
          service: "prod/web",
          change: "changed",
          fields: [
            { field: "desiredCount", before: 4, after: 6 },
            { field: "concurrentStarts", before: 4, after: 6 },
            { field: "pullBudget", before: 4, after: 6 },
            { field: "GetAuthorizationToken", before: { calls: 4, share: 0.008 }, after: { calls: 6, share: 0.012 } },
            { field: "BatchGetImage", before: { calls: 4, share: 0.002 }, after: { calls: 6, share: 0.003 } },
            { field: "GetDownloadUrlForLayer", before: { calls: 40, share: 0.0133 }, after: { calls: 60, share: 0.02 } },
          ],
          after: expect.objectContaining({ percents: "100/200", rolloutSeconds: 120, verdict: "ok" }),
        },
      ],
      unchanged: 1,
      // Both images come from the account's own ECR: no upstream account pulls anything.
      upstream: [],
    });
  });

  test("a second Docker Hub image moves the upstream account's pulls: 1 image x 1 cache -> 2", () => {
    const one = snapshotOf(platform({ web: { image: "nginx:1.27.3", desiredCount: 2 } }));
    const two = snapshotOf(platform({ web: { image: "nginx:1.27.3", desiredCount: 2 }, cache: { image: "redis:7.2.5", desiredCount: 1 } }));
    const diff = diffBudgets(one, two);
    expect(diff.upstream).toEqual([
      {
        upstreamAccount: "Docker Hub secret ecr-pullthroughcache/docker-hub (111111111111, us-east-1)",
        change: "changed",
        fields: [
          { field: "firstDeployPulls", before: 1, after: 2 },
          { field: "steadyStatePullsPerDay", before: 1, after: 2 },
        ],
        after: { firstDeployPulls: 2, steadyStatePullsPerDay: 2, limit: "200 per 6 h", verdict: "ok" },
      },
    ]);
    expect(budgetDiffText(diff).split("\n").at(-2)).toBe("  ~ upstream Docker Hub secret ecr-pullthroughcache/docker-hub (111111111111, us-east-1): first deploy pulls 1 → 2, refreshes per day 1 → 2");
    const markdown = budgetDiffMarkdown(diff).split("\n");
    expect(markdown).toContain("| changed | Docker Hub secret ecr-pullthroughcache/docker-hub (111111111111, us-east-1) | **1 → 2** | **1 → 2** | 200 per 6 h | ok |");
  });

  test("the terminal text lists the one changed service and counts the other", () => {
    expect(budgetDiffText(diffBudgets(base, head))).toBe(
      [
        "Pull budget (pull-budget.json):",
        "  summary: 2 services, 0 refused, 0 warnings; slowest rollout: prod/web, 2 min (unchanged)",
        "  ~ prod/web: desired 4 → 6, starts at once 4 → 6, budget 4 → 6, GAT 4 (0.8%) → 6 (1.2%), BGI 4 (0.2%) → 6 (0.3%), GDUFL 40 (1.3%) → 60 (2.0%)",
        "  1 service unchanged",
        "",
      ].join("\n"),
    );
  });

  test("the Markdown shows moved cells in bold and the unchanged ones plain", () => {
    const lines = budgetDiffMarkdown(diffBudgets(base, head)).split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "**Summary:** 2 services, 0 refused, 0 warnings; slowest rollout: prod/web, 2 min (unchanged).",
      "",
      "| change | service | desired | min/max % | starts at once | budget | GAT | BGI | GDUFL | rollout | verdict |",
      "|---|---|---|---|---|---|---|---|---|---|---|",
      "| changed | prod/web | **4 → 6** | 100/200 | **4 → 6** | **4 → 6** | **4 (0.8%) → 6 (1.2%)** | **4 (0.2%) → 6 (0.3%)** | **40 (1.3%) → 60 (2.0%)** | 2 min | ok |",
    ]);
    expect(lines[6]).toMatch(/^Only services whose figures moved are listed \(1 service unchanged\); .*GAT, BGI, GDUFL: GetAuthorizationToken, BatchGetImage, GetDownloadUrlForLayer calls in the peak second \(% of that API's quota for this account and Region\)/);
  });

  test("identical reports: nothing listed, every service counted unchanged", () => {
    const diff = diffBudgets(base, base);
    expect(diff.services).toEqual([]);
    expect(diff.unchanged).toBe(2);
    expect(budgetDiffMarkdown(diff)).toBe("**Summary:** 2 services, 0 refused, 0 warnings; slowest rollout: prod/web, 2 min (unchanged).\n\nNo service's pull budget changed (2 services unchanged).");
  });

  test("a new and a removed service, and the summary's change", () => {
    const renamed = snapshotOf(platform({ web: { image: OWN_IMAGE, desiredCount: 4 }, jobs: { image: OWN_IMAGE, desiredCount: 1 } }));
    const text = budgetDiffText(diffBudgets(base, renamed)).split("\n");
    // Every rollout takes 2 min: the summary names the first slowest in report order (services sorted), now jobs.
    expect(text[1]).toBe("  summary: 2 services, 0 refused, 0 warnings; slowest rollout: prod/web, 2 min → 2 services, 0 refused, 0 warnings; slowest rollout: prod/jobs, 2 min");
    expect(text[2]).toBe("  + prod/jobs (new): desired 1, min/max % 100/200, starts at once 1, budget 1, GAT 1 (0.2%), BGI 1 (0.1%), GDUFL 10 (0.3%), rollout 2 min, verdict ok");
    expect(text[3]).toBe("  - prod/worker (removed): desired 1, min/max % 100/200, starts at once 1, budget 1, GAT 1 (0.2%), BGI 1 (0.1%), GDUFL 10 (0.3%), rollout 2 min, verdict ok");
    expect(text[4]).toBe("  1 service unchanged");
    const grown = snapshotOf(platform({ web: { image: OWN_IMAGE, desiredCount: 4 }, worker: { image: OWN_IMAGE, desiredCount: 1 }, jobs: { image: OWN_IMAGE, desiredCount: 1 } }));
    expect(budgetDiffText(diffBudgets(base, grown)).split("\n")[1]).toBe(
      "  summary: 2 services, 0 refused, 0 warnings; slowest rollout: prod/web, 2 min → 3 services, 0 refused, 0 warnings; slowest rollout: prod/jobs, 2 min",
    );
  });
});

describe("reading a pull-budget.json defensively (either side may come from another version)", () => {
  test.each([null, [], "report", 7, {}, { stacks: "x" }])("not a report: %j", (json) => {
    expect(readBudgetReport(json)).toBe("not a pull-budget report (no stacks list)");
  });

  test("odd entries are skipped and malformed figures read as absent, never a crash", () => {
    const read = readBudgetReport({
      summary: { services: "2" },
      stacks: [
        null,
        { stack: 3, services: [{ service: "ignored" }] },
        { stack: "prod", services: [7, { service: "web", desiredCount: "4", concurrentStarts: 4, peak: { BatchGetImage: { peakCallsPerSecond: 1 } }, rolloutDuration: { seconds: null }, verdict: 1 }], unplannedServices: [{ service: "api" }, {}] },
      ],
    });
    expect(read).toEqual({ services: new Map([["prod/web", { concurrentStarts: 4, rolloutSeconds: null }], ["prod/api", { verdict: "refused (not planned)" }]]) });
    const before = readBudgetReport({ stacks: [{ stack: "prod", services: [{ service: "web", concurrentStarts: 2 }] }] }) as BudgetSnapshot;
    expect(budgetDiffText(diffBudgets(before, read as BudgetSnapshot)).split("\n")).toEqual([
      "Pull budget (pull-budget.json):",
      "  summary: (absent) (unchanged)",
      "  + prod/api (new): verdict refused (not planned)",
      "  ~ prod/web: starts at once 2 → 4, rollout (absent) → never (no task can start)",
      "  0 services unchanged",
      "",
    ]);
  });

  test("service names are inert in the Markdown: no table cell, link or tag can be added", () => {
    const hostile = readBudgetReport({ stacks: [{ stack: "prod", services: [{ service: "a|b <img src=x> [x](http://e)", desiredCount: 1 }] }] }) as BudgetSnapshot;
    const row = budgetDiffMarkdown(diffBudgets({ services: new Map() }, hostile)).split("\n")[4]!;
    expect(row).toBe("| new | prod/a\\|b &lt;img src=x&gt; \\[x\\](http://e) | 1 |  |  |  |  |  |  |  |  |");
  });
});
