import type { FargateAccountRegion, FargateCapacity, FargateServiceBudget } from "../model/fargate-types";
import type { Rule, RuleViolation } from "./rule";
import * as catalogue from "./catalogue";
import { CAPACITY_WORD, LAUNCH_KEY, over, share } from "./support/fargate-figures";

/**
 * Fargate task launch buckets (per account and Region, On-Demand and Spot apart) against the tasks a
 * burst asks for at once. A warning, not an error: ECS retries throttled launches, so the rollout
 * finishes, only slower, while every other launch of the account and Region waits behind it.
 * One service may take maxQuotaShare of a bucket's burst (the headroom the ECR budget leaves too);
 * every service at once is reported only past the burst itself, where throttling starts.
 */

function admitted(group: FargateAccountRegion, c: FargateCapacity, tasks: number, seconds: number): string {
  const b = group.quotas[c].launch;
  return seconds > 0
    ? `the bucket launches the first ${b.burst} at once and the other ${tasks - b.burst} over ${seconds} s at ${b.rate}/s, throttling every other Fargate launch of ${group.label} meanwhile`
    : `it fits the bucket's ${b.burst}, leaving ${b.burst - tasks} launches for everything else of ${group.label} until it refills at ${b.rate}/s`;
}

function serviceHits(group: FargateAccountRegion, maxShare: number): RuleViolation[] {
  return group.services.flatMap((s: FargateServiceBudget) =>
    over(s.launchBurst, (c) => maxShare * group.quotas[c].launch.burst).map((c) => {
      const fromScaleOut = s.shape.scaleOutStarts > s.shape.deployStarts;
      const tasks = s.launchBurst[c];
      const fits = Math.floor(maxShare * group.quotas[c].launch.burst);
      return {
        stack: s.stack,
        path: `${s.configPath}.${fromScaleOut ? "autoscaling.policy" : "deployment"}`,
        message:
          `${s.service}: its ${fromScaleOut ? "scale-out step" : "deployment"} launches ${tasks} ${CAPACITY_WORD[c]} tasks at once, ${share(tasks / group.quotas[c].launch.burst)} of the Fargate ${CAPACITY_WORD[c]} launch bucket (${group.quotas[c].launch.burst} burst) of ${group.region}, ` +
          `above the ${share(maxShare)} allowed: ${admitted(group, c, tasks, s.launchSeconds[c])}. At most ${fits} ${CAPACITY_WORD[c]} tasks at once fit`,
      };
    }),
  );
}

export const fargateLaunchRate: Rule = {
  definition: catalogue.fargateLaunchRate,
  check: ({ plan }) =>
    plan.fargate.accountRegions.flatMap((group) => [
      ...serviceHits(group, plan.fargate.maxLaunchShare),
      ...over(group.launchBurst, (c) => group.quotas[c].launch.burst).map((c) => ({
        stack: group.registryStackName,
        path: `pullBudget.fargate.quotas.${group.region}.${LAUNCH_KEY[c]}`,
        message: `every Fargate service of ${group.label} bursting in the same second launches ${group.launchBurst[c]} ${CAPACITY_WORD[c]} tasks: ${admitted(group, c, group.launchBurst[c], group.launchSeconds[c])}`,
      })),
    ]),
};
