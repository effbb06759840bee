import { parseConfig } from "../../../config/load";
import { platform } from "../../../config/platform";
import type { PlatformConfigInput } from "../../../config/schema";
import { planPlatform } from "../../../core/plan";
import type { Finding } from "../../../core/model/plan-types";
import { pullBudgetJson, pullBudgetMarkdown, pullBudgetReport } from "../../../core/report/report";
import { applySuppressions } from "../../../core/plan/suppressions";
import { validConfig } from "../../helpers/synth";

const SCOPE_PATH = "environments.prod.endpoints.restrictToAccount";
const REASON = "only ECS tasks run on these route tables (ticket PLAT-142)";

function withSuppressions(suppressions: PlatformConfigInput["suppressions"]): PlatformConfigInput {
  return { ...platform, suppressions };
}

describe("applySuppressions (pure)", () => {
  const error: Finding = { level: "error", rule: "PG-ECR-QUOTA", path: "environments.prod.services.orders.deployment", stack: "prod", message: "2000 calls" };
  const other: Finding = { level: "warning", rule: "PG-ROLLOUT-BURST", path: "environments.prod.services.web.deployment", stack: "prod", message: "burst" };

  test("a matching suppression takes the finding out, error or not, and keeps it with its reason", () => {
    const result = applySuppressions([error, other], [{ rule: "PG-ECR-QUOTA", path: "environments.prod.services.orders.deployment", reason: `  ${REASON}  ` }]);
    expect(result.findings).toEqual([other]);
    expect(result.suppressed).toEqual([{ ...error, reason: REASON }]);
  });

  test("the rule and the path must both match; an unmatched suppression is a warning at its own path", () => {
    const result = applySuppressions([error], [{ rule: "PG-ECR-QUOTA", path: "environments.prod.services.web.deployment", reason: REASON }]);
    expect(result.suppressed).toEqual([]);
    expect(result.findings).toEqual([
      error,
      {
        level: "warning",
        rule: "PG-SUPPRESSION-UNUSED",
        path: "suppressions[0]",
        message: "suppresses PG-ECR-QUOTA at environments.prod.services.web.deployment, but no such finding remains; remove the suppression",
      },
    ]);
  });
});

describe("suppressions in the config", () => {
  test("a reason is mandatory, and a rule id has pullguard's shape", () => {
    const result = parseConfig(withSuppressions([{ rule: "PG-ENDPOINT-POLICY-SCOPE", path: SCOPE_PATH, reason: "ok" }, { rule: "rollout-burst", path: SCOPE_PATH, reason: REASON }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "suppressions[0].reason: must say why the finding is accepted (at least 10 characters)",
      "suppressions[1].rule: must be a pullguard rule id such as PG-ROLLOUT-BURST",
    ]);
  });

  test("the embedded example's endpoint-scope warnings, suppressed, leave the findings and appear in the report with the reason", () => {
    const before = planPlatform(validConfig(platform));
    expect(before.findings.filter((f) => f.rule === "PG-ENDPOINT-POLICY-SCOPE").map((f) => f.stack)).toEqual(["prod-us-east-1", "prod-us-west-2"]);
    expect(before.suppressed).toEqual([]);

    const plan = planPlatform(validConfig(withSuppressions([{ rule: "PG-ENDPOINT-POLICY-SCOPE", path: SCOPE_PATH, reason: REASON }])));
    expect(plan.findings.filter((f) => f.rule === "PG-ENDPOINT-POLICY-SCOPE")).toEqual([]);
    expect(plan.suppressed.map((f) => [f.rule, f.stack, f.path, f.reason])).toEqual([
      ["PG-ENDPOINT-POLICY-SCOPE", "prod-us-east-1", SCOPE_PATH, REASON],
      ["PG-ENDPOINT-POLICY-SCOPE", "prod-us-west-2", SCOPE_PATH, REASON],
    ]);
    const report = pullBudgetReport(plan);
    const json = JSON.parse(pullBudgetJson(report)) as { suppressed: Array<{ stack: string; reason: string }> };
    expect(json.suppressed.map((s) => [s.stack, s.reason])).toEqual([
      ["prod-us-east-1", REASON],
      ["prod-us-west-2", REASON],
    ]);
    const markdown = pullBudgetMarkdown(plan, report);
    expect(markdown).toContain("## Suppressed");
    expect(markdown).toContain(`- warning \`PG-ENDPOINT-POLICY-SCOPE\` (prod-us-east-1) \`${SCOPE_PATH}\`: `);
    expect(markdown).toContain(`**Accepted because:** ${REASON}`);
  });

  test("without suppressions the report has no Suppressed section and an empty list", () => {
    const plan = planPlatform(validConfig(platform));
    const report = pullBudgetReport(plan);
    expect((JSON.parse(pullBudgetJson(report)) as { suppressed: unknown[] }).suppressed).toEqual([]);
    expect(pullBudgetMarkdown(plan, report)).not.toContain("## Suppressed");
  });
});
