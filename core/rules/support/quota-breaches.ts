/** Services whose deployment breaches an ECR pull quota, and what would fit, for the PG-ECR-QUOTA rules. */
import { quotaBreaches, type QuotaBreach } from "../../budget";
import type { ServicePlan } from "../../model/plan-types";
import type { RuleContext, RuleViolation } from "../rule";

function fitting(s: ServicePlan): string {
  const f = s.rollout.widestPercentsWithinBudget;
  if (f.concurrentStarts > s.rollout.budget) {
    // Whole-number percents move a large service in steps of desiredCount/100 tasks.
    return ` No rollout settings fit: even minimumHealthyPercent ${f.minimumHealthyPercent} / maximumPercent ${f.maximumPercent} starts ${f.concurrentStarts} tasks at once; raise the quota or split the service.`;
  }
  return ` Fastest settings within the budget: minimumHealthyPercent ${f.minimumHealthyPercent} / maximumPercent ${f.maximumPercent} (${f.concurrentStarts} tasks at once).`;
}

export function serviceHits(ctx: RuleContext, keep: (f: QuotaBreach) => boolean): RuleViolation[] {
  return ctx.plan.environments.flatMap((env) =>
    // Other strategies start the whole green fleet: PG-STRATEGY-BURST prices them with the right advice.
    env.services.filter((s) => s.production.deployment.strategy === "ROLLING").flatMap((s) =>
      quotaBreaches(s.assessment, ctx.plan.maxQuotaShare)
        .filter((f) => f.subject !== "rollout" && f.subject !== "docker-hub" && keep(f))
        .map((f) => ({ stack: env.stackName, path: `${s.configPath}.deployment`, message: f.passed === "limit" ? `${f.message}.${fitting(s)}` : f.message })),
    ),
  );
}
