import { planValid } from "../../helpers/service-config";
import { pullBudgetMarkdown, pullBudgetReport } from "../../../core/report";
import { OWN_IMAGE, platform } from "../../rules/rule-cases";

// On-Demand quota 100 vCPU, share 0.8 -> 80 allowed. web: 41 tasks of 1 vCPU at 100/200 -> floor(82) = 82
// tasks = 82 vCPU (82.0%): refused (PG-FARGATE-VCPU, and PG-FARGATE-VCPU-ACCOUNT for the account).
// 41 tasks start at once: 41% of the 100-task launch bucket, under the 50% allowed; admitted at once (no "+ s").
const config = platform(
  { web: { image: OWN_IMAGE, cpu: 1024, memory: 2048, desiredCount: 41, deployment: { minimumHealthyPercent: 100, maximumPercent: 200, maxConcurrentStarts: 50 } } },
  {},
  { pullBudget: { fargate: { quotas: { "us-east-1": { onDemandVcpu: 100 } } } } },
);
const plan = planValid(config);
const report = pullBudgetReport(plan);
const lines = pullBudgetMarkdown(plan).split("\n");

test("the JSON: figures per service and for the account and Region, verdicts from the findings", () => {
  expect(report.summary.fargate).toEqual({ vcpuRefusals: 2, launchRateWarnings: 0 });
  const group = report.fargate.accountRegions[0]!;
  expect(group.quotas.FARGATE).toEqual({ vcpu: 100, quotaCode: "L-3032A538", launchBurst: 100, launchRate: 20 });
  expect(group.services).toEqual([
    {
      stack: "prod",
      service: "web",
      strategy: "ROLLING",
      fleet: 41,
      taskVcpu: 1,
      peakTasks: { onDemand: 82, spot: 0 },
      peakVcpu: { onDemand: 82, spot: 0 },
      launchBurst: { onDemand: 41, spot: 0 },
      launchSeconds: { onDemand: 0, spot: 0 },
      verdict: "refused",
    },
  ]);
  // With no deployment running the fleet is 41 tasks = 41 vCPU.
  expect(group.allServicesAtOnce).toEqual({ steadyVcpu: { onDemand: 41, spot: 0 }, peakVcpu: { onDemand: 82, spot: 0 }, launchBurst: { onDemand: 41, spot: 0 }, launchSeconds: { onDemand: 0, spot: 0 }, verdict: "refused" });
});

test("the Markdown: the summary counts the Fargate findings, the section explains its columns and marks the row refused", () => {
  expect(lines.find((l) => l.startsWith("**1 service"))).toBe("**1 service, 1 refused, 0 warnings (Fargate: 2 vCPU refusals, 0 launch-rate warnings); slowest rollout: prod/web, 2 min.**");
  const at = lines.indexOf("## Fargate vCPU and launch buckets (per account and Region)");
  expect(at).toBeGreaterThan(0);
  expect(lines[at + 2]).toMatch(/^Peak vCPU: what each Fargate service runs at its deployment peak .* above 80% is refused\. .* one service above 50% of a bucket's burst/);
  expect(lines.slice(at + 4, at + 10)).toEqual([
    "### 111111111111/us-east-1: On-Demand 100 vCPU (L-3032A538), Spot 4000 vCPU (L-36FBB829); buckets 100/20 per s and 100/20 per s",
    "",
    "| service | strategy | fleet | task vCPU | peak On-Demand vCPU | peak Spot vCPU | launch burst On-Demand | launch burst Spot | verdict |",
    "|---|---|---:|---:|---:|---:|---:|---:|---|",
    "| prod/web | ROLLING | 41 | 1 | 82 (82.0%) | - | 41 | - | **refused** |",
    "| *every service at once* | | | | 82 (82.0%) | - | 41 | - | **refused** |",
  ]);
});

test("no Fargate service: no section, an empty list in the JSON", () => {
  const ec2 = planValid(platform({ api: { image: OWN_IMAGE, desiredCount: 2, launchType: "EC2" } }));
  expect(pullBudgetReport(ec2).fargate.accountRegions).toEqual([]);
  expect(pullBudgetMarkdown(ec2)).not.toContain("## Fargate vCPU");
});
