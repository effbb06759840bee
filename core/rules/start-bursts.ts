import type { QuotaUse } from "../budget";
import type { ServicePlan } from "../model/plan-types";
import type { BurstPlan } from "../model/service-types";
import type { Rule, RuleViolation } from "./rule";
import * as catalogue from "./catalogue";

/** Shares within this of the limit count as at it (float noise), as in core/budget/index.ts. */
const EPSILON = 1e-9;

function worstUse(burst: BurstPlan): QuotaUse {
  return burst.assessment.quotaUse.reduce((a, b) => (b.share > a.share ? b : a));
}

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** "1500 GetDownloadUrlForLayer calls in the peak second is 100% of the 1500/s ..., above the 50% allowed" */
function overrun(burst: BurstPlan, maxShare: number): string | undefined {
  const u = worstUse(burst);
  if (!(u.share > maxShare + EPSILON)) return undefined;
  const needed = Math.ceil(u.peakCallsPerSecond / maxShare);
  return (
    `${u.peakCallsPerSecond} ${u.api} calls in the peak second is ${pct(u.share)} of the ${u.capacity}/s first-second capacity, above the ${pct(maxShare)} allowed ` +
    `(a quota of ${needed}/s would fit: ${u.quotaCode})`
  );
}

function serviceBursts(plan: RuleContextPlan, pick: (s: ServicePlan) => BurstPlan | undefined, message: (s: ServicePlan, b: BurstPlan, over: string) => { path: string; text: string }): RuleViolation[] {
  return plan.environments.flatMap((env) =>
    env.services.flatMap((s) => {
      const burst = pick(s);
      if (!burst) return [];
      const over = overrun(burst, plan.maxQuotaShare);
      if (!over) return [];
      const { path, text } = message(s, burst, over);
      return [{ stack: env.stackName, path, message: text }];
    }),
  );
}

type RuleContextPlan = Parameters<Rule["check"]>[0]["plan"];

/** BLUE_GREEN, LINEAR and CANARY start the whole green fleet at once; it must fit the pull budget. */
export const strategyBurst: Rule = {
  definition: catalogue.strategyBurst,
  check: ({ plan }) =>
    serviceBursts(
      plan,
      (s) => (s.production.deployment.strategy === "ROLLING" ? undefined : s.production.starts.deployment),
      (s, b, over) => ({
        path: `${s.configPath}.deployment.strategy`,
        text:
          `${s.name}: ${s.production.deployment.strategy} starts the whole green fleet of ${b.tasks} tasks at once: ${over}. ` +
          `What fits: a fleet of at most ${b.quotaBound} tasks (desiredCount, or autoscaling.max), the raised quota, or strategy ROLLING ` +
          `(minimumHealthyPercent ${s.rollout.widestPercentsWithinBudget.minimumHealthyPercent} / maximumPercent ${s.rollout.widestPercentsWithinBudget.maximumPercent}: ${s.rollout.widestPercentsWithinBudget.concurrentStarts} tasks at once)`,
      }),
    ),
};

/** An auto scaling step is a burst outside any deployment: its worst step must fit the pull budget. */
export const scaleOutBurst: Rule = {
  definition: catalogue.scaleOutBurst,
  check: ({ plan }) =>
    serviceBursts(
      plan,
      (s) => s.production.starts.scaleOut,
      (s, b, over) => {
        const a = s.production.autoscaling!;
        const fix =
          a.policy.type === "step"
            ? `lower maxAdjustment to ${b.quotaBound}`
            : `target tracking can ask for max - min = ${b.tasks} tasks in one step; use a step policy with maxAdjustment ${b.quotaBound}, or lower max to ${a.min + b.quotaBound}`;
        return {
          path: `${s.configPath}.autoscaling.policy${a.policy.type === "step" ? ".maxAdjustment" : ""}`,
          text: `${s.name}: one scale-out step starts ${b.tasks} tasks at once: ${over}; ${fix}`,
        };
      },
    ),
};

/** pullguard's alarm catches failed pulls; a green fleet that runs but misbehaves rolls back only on the team's own alarms. */
export const rollbackAlarms: Rule = {
  definition: catalogue.rollbackAlarms,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services
        .filter((s) => s.production.deployment.strategy !== "ROLLING" && !s.production.deployment.alarms?.rollback)
        .map((s) => ({
          stack: env.stackName,
          path: `${s.configPath}.deployment.alarms`,
          message: s.production.deployment.alarms
            ? `${s.name}: deployment.alarms.rollback is false, so its alarms and pullguard's pull-failure alarm ${s.production.deployment.pullFailureAlarm.alarmName} fail a ${s.production.deployment.strategy} deployment without rolling it back (ECS has one rollback flag per service); set rollback true`
            : `${s.name}: ${s.production.deployment.strategy} deployments roll back on pullguard's pull-failure alarm ${s.production.deployment.pullFailureAlarm.alarmName} only; name CloudWatch alarms on the service's traffic with rollback true so a green fleet that pulls but fails rolls back too`,
        })),
    ),
};
