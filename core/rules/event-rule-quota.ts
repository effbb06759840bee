import { eventBusRuleQuota } from "../../facts/eventbridge";
import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/**
 * What a pull needs outside the plan: a route to the internet for the cache's first pull, the
 * other account's half of a cross-account grant, and which cluster an existing cluster's scaling
 * names. Each is a warning a platform engineer acts on before the first deployment.
 */

/** "stacks a, b, c", or the first three and how many more: a line stays readable at 100 stacks. */
function stackList(stacks: readonly string[]): string {
  const shown = stacks.slice(0, 3).join(", ");
  return stacks.length > 3 ? `stacks ${shown} and ${stacks.length - 3} more` : `stack${stacks.length === 1 ? "" : "s"} ${shown}`;
}

/** One rule per service and one per notifying environment, counted per account and Region against the default bus's quota. */
export const eventRuleQuota: Rule = {
  definition: catalogue.eventRuleQuota,
  check: ({ plan }) => {
    const byLocation = new Map<string, { account: string; region: string; rules: number; stacks: string[] }>();
    for (const env of plan.environments) {
      const key = `${env.account}/${env.region}`;
      const entry = byLocation.get(key) ?? { account: env.account, region: env.region, rules: 0, stacks: [] };
      entry.rules += env.services.length + (env.pullFailureEvents ? 1 : 0);
      entry.stacks.push(env.stackName);
      byLocation.set(key, entry);
    }
    return [...byLocation.values()]
      .filter((l) => l.rules > eventBusRuleQuota(l.region))
      .map((l) => ({
        stack: l.stacks[0]!,
        path: "environments",
        message: `${l.rules} EventBridge rules in ${l.account}/${l.region} (${stackList(l.stacks)}: one per service, one per notifying environment) pass the default bus's quota of ${eventBusRuleQuota(l.region)} rules; raise "Number of rules" there before applying`,
      }));
  },
};
