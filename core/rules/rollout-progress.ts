import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/** aws-facts.md: floor(D*max/100) - ceil(D*min/100) = 0 means the rollout cannot progress. */
export const rolloutProgress: Rule = {
  definition: catalogue.rolloutProgress,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services
        .filter((s) => s.production.deployment.strategy === "ROLLING")
        .filter((s) => s.rollout.concurrentStarts === 0)
        .map((s) => ({
          stack: env.stackName,
          path: `${s.configPath}.deployment`,
          message:
            `${s.name}: desiredCount ${s.production.starts.fleet} at minimumHealthyPercent ${s.rollout.minimumHealthyPercent} / maximumPercent ${s.rollout.maximumPercent} ` +
            `starts no task at once (floor(${s.production.starts.fleet}x${s.rollout.maximumPercent}/100) - ceil(${s.production.starts.fleet}x${s.rollout.minimumHealthyPercent}/100) = 0), ` +
            `so the deployment cannot progress; use minimumHealthyPercent ${s.rollout.widestPercentsWithinBudget.minimumHealthyPercent} / maximumPercent ${s.rollout.widestPercentsWithinBudget.maximumPercent}`,
        })),
    ),
};
