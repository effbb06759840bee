import type { Rule } from "./rule";
import * as catalogue from "./catalogue";
import { serviceBursts } from "./support/start-bursts";

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
