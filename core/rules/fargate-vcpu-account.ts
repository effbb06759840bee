import type { Rule } from "./rule";
import * as catalogue from "./catalogue";
import { figure, over, share, VCPU_KEY, vcpuAgainstQuota } from "./support/fargate-figures";

/**
 * Fargate vCPU quotas (per account and Region, On-Demand and Spot apart) against the running vCPU at
 * each service's deployment peak, and at every service's peak at once. docs/pull-budget.md,
 * "Fargate vCPU and launch rate".
 */

/** Every Fargate service of an account and Region at its peak at once. */
export const fargateVcpuAccount: Rule = {
  definition: catalogue.fargateVcpuAccount,
  check: ({ plan }) =>
    plan.fargate.accountRegions.flatMap((group) => {
      const maxShare = plan.fargate.maxVcpuShare;
      return over(group.peakVcpu, (c) => maxShare * group.quotas[c].vcpu).map((c) => {
        const largest = [...group.services]
          .filter((s) => s.peakVcpu[c] > 0)
          .sort((a, b) => b.peakVcpu[c] - a.peakVcpu[c])
          .slice(0, 3)
          .map((s) => `${s.stack}/${s.service} ${figure(s.peakVcpu[c])}`);
        return {
          stack: group.registryStackName,
          path: `pullBudget.fargate.quotas.${group.region}.${VCPU_KEY[c]}`,
          message:
            `every Fargate service of ${group.label} at its deployment peak at once runs ${vcpuAgainstQuota(group, c, group.peakVcpu[c])}, above the ${share(maxShare)} allowed ` +
            `(${figure(group.steadyVcpu[c])} vCPU with no deployment running; a quota of ${Math.ceil(group.peakVcpu[c] / maxShare)} would fit). Largest peaks: ${largest.join(", ")} vCPU`,
        };
      });
    }),
};
