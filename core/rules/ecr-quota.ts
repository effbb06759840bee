import { quotaBreaches, type QuotaBreach } from "../pull-budget";
import type { ServicePlan } from "../plan-types";
import type { Rule, RuleContext, RuleViolation } from "./rule";

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
  id: "PG-ECR-QUOTA",
  description: "One service's rollout must not use more than maxQuotaShare of any ECR API quota in its peak second.",
  check: (ctx) => serviceHits(ctx, (f) => f.passed === "limit"),
};

export const ecrQuotaNear: Rule = {
  id: "PG-ECR-QUOTA-NEAR",
  description: "One service's rollout uses more than 80% of its allowed share of an ECR API quota.",
  check: (ctx) => serviceHits(ctx, (f) => f.passed === "margin"),
};

/** Every service of one stack rolling at once (a blue-green swap or a hotfix). */
export const ecrQuotaEnvironment: Rule = {
  id: "PG-ECR-QUOTA-ENVIRONMENT",
  description: "Every service of an environment and Region rolling at once must fit maxQuotaShare.",
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      quotaBreaches(env.groupAssessment, plan.maxQuotaShare)
        .filter((f) => f.passed === "limit" && f.subject !== "docker-hub")
        .map((f) => ({ stack: env.stackName, path: `environments.${env.environment}`, message: f.message })),
    ),
};

/** ECR quotas are per account and Region: environments sharing one share its quotas. */
export const ecrQuotaAccount: Rule = {
  id: "PG-ECR-QUOTA-ACCOUNT",
  description: "Every service of an account and Region rolling at once must fit maxQuotaShare.",
  check: ({ plan }) =>
    plan.accountRegionAssessments.flatMap((group) =>
      quotaBreaches(group, plan.maxQuotaShare)
        .filter((f) => f.passed === "limit" && f.subject !== "docker-hub")
        .map((f) => ({ stack: group.registryStackName, path: "pullBudget.maxQuotaShare", message: f.message })),
    ),
};
