import { parseConfig } from "../../../config/load";
import type { PlatformConfigInput } from "../../../config/schema";
import { planPlatform } from "../../../core/plan";
import { pullBudgetMarkdown, pullBudgetReport } from "../../../core/report";
import { SECOND_VPC, VPC } from "../../rules/rule-cases";

// Two accounts in us-east-1 and us-west-2 logging in to Docker Hub as acme-bot on the Personal plan;
// nginx on X86_64 and ARM64, redis pinned by digest.
const ids = ["111111111111", "222222222222"];
const DIGEST = `sha256:${"b".repeat(64)}`;
const input = {
  accounts: Object.fromEntries(ids.map((id, i) => [`acct${i}`, { id, registry: { pullThroughCache: { dockerHub: { credential: { source: "create", upstreamAccount: "acme-bot", plan: "personal" } } } } }])),
  environments: Object.fromEntries(
    ids.map((_, i) => [
      `env${i}`,
      {
        account: `acct${i}`,
        regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: SECOND_VPC } },
        services: {
          web: { image: "nginx:1.27.3", desiredCount: 2 },
          edge: { image: "nginx:1.27.3", desiredCount: 1, runtimePlatform: { cpuArchitecture: "ARM64" } },
          cache: { image: `redis@${DIGEST}`, desiredCount: 1 },
        },
      },
    ]),
  ),
} as PlatformConfigInput;

const parsed = parseConfig(input);
if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
const plan = planPlatform(parsed.config);

test("JSON: per upstream account, 2 images x 4 caches + nginx's second architecture = 12 pulls; redis is pinned, so 8 refreshes a day", () => {
  expect(pullBudgetReport(plan).upstreamPulls).toEqual([
    {
      upstreamAccount: "Docker Hub account acme-bot",
      plan: "personal",
      limit: { pulls: 200, hours: 6 },
      limitSource: "plan",
      images: 2,
      caches: [
        { cache: "111111111111/us-east-1", firstDeployPulls: 3, steadyStatePullsPerDay: 2 },
        { cache: "111111111111/us-west-2", firstDeployPulls: 3, steadyStatePullsPerDay: 2 },
        { cache: "222222222222/us-east-1", firstDeployPulls: 3, steadyStatePullsPerDay: 2 },
        { cache: "222222222222/us-west-2", firstDeployPulls: 3, steadyStatePullsPerDay: 2 },
      ],
      firstDeployPulls: 12,
      firstDeployShare: 0.06,
      steadyStatePullsPerDay: 8,
      steadyStateShare: 0.04,
      credentials: ["accounts.acct0.registry.pullThroughCache.dockerHub.credential", "accounts.acct1.registry.pullThroughCache.dockerHub.credential"],
      verdict: "ok",
    },
  ]);
});

test("Markdown: a section per upstream account with its limit, its credentials and its pulls by cache", () => {
  const lines = pullBudgetMarkdown(plan).split("\n");
  const start = lines.indexOf("### Docker Hub account acme-bot");
  expect(lines.slice(start, start + 13)).toEqual([
    "### Docker Hub account acme-bot",
    "",
    "Limit: 200 pulls per 6 hours (plan personal). Config: `accounts.acct0.registry.pullThroughCache.dockerHub.credential`, `accounts.acct1.registry.pullThroughCache.dockerHub.credential`.",
    "",
    "| cache (account/Region) | first deploy pulls | refreshes per day |",
    "|---|---:|---:|",
    "| 111111111111/us-east-1 | 3 | 2 |",
    "| 111111111111/us-west-2 | 3 | 2 |",
    "| 222222222222/us-east-1 | 3 | 2 |",
    "| 222222222222/us-west-2 | 3 | 2 |",
    "| *all 4 caches, 2 images* | 12 (6.0%) | 8 (4.0%) |",
    "",
    "Verdict: ok.",
  ]);
});
