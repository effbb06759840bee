/**
 * The report's first-apply list is one list: the JSON's `firstApply` carries every line the
 * Markdown's "First apply" section lists, notes included (an empty credential secret stops a first
 * apply; a tool reading the JSON must see that as a reviewer reading the Markdown does).
 */
import { loadConfig } from "../../../config/load";
import { platform } from "../../../config/platform";
import { planPlatform } from "../../../core/plan";
import { firstApplyLines } from "../../../core/report/first-apply";
import { pullBudgetReport } from "../../../core/report/report";

const loaded = loadConfig({}, () => platform);
if (!loaded.ok) throw new Error("the embedded config must be valid");
const plan = planPlatform(loaded.config);
const note = (stack: string, upstream: string) => ({
  action: "note",
  stack,
  what: `ecr-pullthroughcache/${upstream} is created empty and the ${upstream} cache rule reads it when created: put its value, then apply again (or set value: apply-time)`,
});

test("the JSON lists the embedded example's four notes: Docker Hub's and GHCR's secrets in each registry Region", () => {
  expect(pullBudgetReport(plan).firstApply).toEqual([
    note("registry-111111111111-us-east-1", "docker-hub"),
    note("registry-111111111111-us-east-1", "ghcr"),
    note("registry-111111111111-us-west-2", "docker-hub"),
    note("registry-111111111111-us-west-2", "ghcr"),
  ]);
});

test("the Markdown lists the same entries, in the same order", () => {
  const listed = firstApplyLines(plan).filter((line) => line.startsWith("- "));
  expect(listed).toEqual(pullBudgetReport(plan).firstApply.map((e) => `- ${e.action} (${e.stack}): ${e.what}`));
  expect(listed).toHaveLength(4);
});
