import { quotaBreaches, type QuotaBreach } from "../budget";
import type { ServicePlan } from "../model/plan-types";
import type { Rule, RuleContext, RuleViolation } from "./rule";
import * as catalogue from "./catalogue";

function fitting(s: ServicePlan): string {
  const f = s.rollout.widestPercentsWithinBudget;
  if (f.concurrentStarts > s.rollout.budget) {
    // Whole-number percents move a large service in steps of desiredCount/100 tasks.
    return ` No rollout settings fit: even minimumHealthyPercent ${f.minimumHealthyPercent} / maximumPercent ${f.maximumPercent} starts ${f.concurrentStarts} tasks at once; raise the quota or split the service.`;
  }
  return ` Fastest settings within the budget: minimumHealthyPercent ${f.minimumHealthyPercent} / maximumPercent ${f.maximumPercent} (${f.concurrentStarts} tasks at once).`;
}

function serviceHits(ctx: RuleContext, keep: (f: QuotaBreach) => boolean): RuleViolation[] {
  return ctx.plan.environments.flatMap((env) =>
    // Other strategies start the whole green fleet: PG-STRATEGY-BURST prices them with the right advice.
    env.services.filter((s) => s.production.deployment.strategy === "ROLLING").flatMap((s) =>
      quotaBreaches(s.assessment, ctx.plan.maxQuotaShare)
        .filter((f) => f.subject !== "rollout" && f.subject !== "docker-hub" && keep(f))
        .map((f) => ({ stack: env.stackName, path: `${s.configPath}.deployment`, message: f.passed === "limit" ? `${f.message}.${fitting(s)}` : f.message })),
    ),
  );
}

/** A single service's rollout must leave (1 - maxQuotaShare) of every ECR API quota to everything else. */
export const ecrQuota: Rule = {
  definition: catalogue.ecrQuota,
  check: (ctx) => serviceHits(ctx, (f) => f.passed === "limit"),
};

export const ecrQuotaNear: Rule = {
  definition: catalogue.ecrQuotaNear,
  check: (ctx) => serviceHits(ctx, (f) => f.passed === "margin"),
};

/** Every service of one stack rolling at once (a blue-green swap or a hotfix). */
export const ecrQuotaEnvironment: Rule = {
  definition: catalogue.ecrQuotaEnvironment,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      quotaBreaches(env.groupAssessment, plan.maxQuotaShare)
        .filter((f) => f.passed === "limit" && f.subject !== "docker-hub")
        .map((f) => ({ stack: env.stackName, path: `environments.${env.environment}`, message: f.message })),
    ),
};

/** ECR quotas are per account and Region: environments sharing one share its quotas. */
export const ecrQuotaAccount: Rule = {
  definition: catalogue.ecrQuotaAccount,
  check: ({ plan }) =>
    plan.accountRegionAssessments.flatMap((group) =>
      quotaBreaches(group, plan.maxQuotaShare)
        .filter((f) => f.passed === "limit" && f.subject !== "docker-hub")
        .map((f) => ({ stack: group.registryStackName, path: "pullBudget.maxQuotaShare", message: f.message })),
    ),
};
