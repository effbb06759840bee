import { vcpuAllowance, widestFit } from "../budget/fargate";
import type { FargateAccountRegion, FargateServiceBudget } from "../model/fargate-types";
import type { Rule, RuleViolation } from "./rule";
import * as catalogue from "./catalogue";
import { CAPACITY_WORD, figure, over, peakCause, share, vcpuAgainstQuota } from "./support/fargate-figures";

/**
 * Fargate vCPU quotas (per account and Region, On-Demand and Spot apart) against the running vCPU at
 * each service's deployment peak, and at every service's peak at once. docs/pull-budget.md,
 * "Fargate vCPU and launch rate".
 */

function fitText(s: FargateServiceBudget, group: FargateAccountRegion, maxShare: number): string {
  const fit = widestFit(s.shape, vcpuAllowance(group.quotas, maxShare));
  const ways: string[] = [];
  if (fit.maximumPercent !== undefined) ways.push(`deployment.maximumPercent ${fit.maximumPercent}`);
  ways.push(fit.fleet > 0 ? `a fleet of at most ${fit.fleet} tasks (desiredCount, or autoscaling.max)` : "no fleet of this task size");
  return `What fits: ${ways.join(", or ")}.`;
}

function serviceHits(group: FargateAccountRegion, maxShare: number): RuleViolation[] {
  return group.services.flatMap((s) => {
    const breached = over(s.peakVcpu, (c) => maxShare * group.quotas[c].vcpu);
    if (breached.length === 0) return [];
    const parts = breached.map(
      (c) => `${s.peakTasks[c]} ${CAPACITY_WORD[c]} tasks of ${figure(s.shape.cpu / 1024)} vCPU = ${vcpuAgainstQuota(group, c, s.peakVcpu[c])}, above the ${share(maxShare)} allowed (a quota of ${Math.ceil(s.peakVcpu[c] / maxShare)} would fit)`,
    );
    return [
      {
        stack: s.stack,
        path: `${s.configPath}.deployment${s.shape.strategy === "ROLLING" ? "" : ".strategy"}`,
        message: `${s.service}: at its peak in ${group.region}, ${peakCause(s)}, it runs ${parts.join("; and ")}. ${fitText(s, group, maxShare)}`,
      },
    ];
  });
}

/** One service at its own peak must stay within maxVcpuShare of each Fargate vCPU quota. */
export const fargateVcpu: Rule = {
  definition: catalogue.fargateVcpu,
  check: ({ plan }) => plan.fargate.accountRegions.flatMap((group) => serviceHits(group, plan.fargate.maxVcpuShare)),
};
