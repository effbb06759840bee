/** Services whose task-start burst goes over a pull quota's allowed share, for the burst rules. */
import type { QuotaUse } from "../../budget";
import type { ServicePlan } from "../../model/plan-types";
import type { BurstPlan } from "../../model/service-types";
import type { Rule, RuleViolation } from "../rule";

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

export function serviceBursts(plan: RuleContextPlan, pick: (s: ServicePlan) => BurstPlan | undefined, message: (s: ServicePlan, b: BurstPlan, over: string) => { path: string; text: string }): RuleViolation[] {
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

export type RuleContextPlan = Parameters<Rule["check"]>[0]["plan"];
