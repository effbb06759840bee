/**
 * The pull-budget report's view of every way tasks start, on the embedded example: the summary
 * line, rollout durations and bursts by cause per service, and the Mermaid chart per registry.
 */
import { pullBudgetMarkdown, pullBudgetReport } from "../core/report";
import { registryShares } from "../core/report-starts";
import { synthesize } from "./helpers/synth";

const { plan } = synthesize();
const report = pullBudgetReport(plan);
const markdown = pullBudgetMarkdown(plan, report);

test("summary: 14 services, none refused, 1 warning; the slowest rollout is prod worker, 200 tasks at 24 per wave = 9 x 120 s", () => {
  expect(report.summary).toEqual({ services: 14, refused: 0, warnings: 1, slowestRollout: { service: "prod-us-east-1/worker", seconds: 1080 } });
  expect(markdown.split("\n").slice(0, 3)).toEqual(["# Pull budget", "", "**14 services, 0 refused, 1 warning; slowest rollout: prod-us-east-1/worker, 18 min.**"]);
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
  expect(markdown).toContain("| worker | ROLLING | 200 | 9 x 120 s = 18 min | 24 tasks (8.0%) | - | - | 24 | 135 |");
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
