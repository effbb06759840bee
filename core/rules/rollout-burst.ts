import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/** The burst of simultaneous starts is what throttles ECR; keep it within the service's budget. */
export const rolloutBurst: Rule = {
  definition: catalogue.rolloutBurst,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services
        .filter((s) => s.production.deployment.strategy === "ROLLING")
        .filter((s) => s.rollout.concurrentStarts > s.rollout.budget)
        .map((s) => {
          const f = s.rollout.widestPercentsWithinBudget;
          const fix = f.concurrentStarts <= s.rollout.budget
            ? `; minimumHealthyPercent ${f.minimumHealthyPercent} / maximumPercent ${f.maximumPercent} starts ${f.concurrentStarts}`
            : `; even maximumPercent ${f.maximumPercent} starts ${f.concurrentStarts} (one percent of ${s.production.starts.fleet} tasks), lower desiredCount or raise the budget`;
          return {
            stack: env.stackName,
            path: `${s.configPath}.deployment`,
            message: `${s.name}: starts ${s.rollout.concurrentStarts} tasks at once, over its pull budget of ${s.rollout.budget}${fix}`,
          };
        }),
    ),
};
