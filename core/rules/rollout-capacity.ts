import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/** Running capacity must not drop below desired unless the config's floor allows it. */
export const rolloutCapacity: Rule = {
  definition: catalogue.rolloutCapacity,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services
        .filter((s) => s.rollout.minimumHealthyPercent < s.rollout.minimumHealthyPercentFloor)
        .map((s) => ({
          stack: env.stackName,
          path: `${s.configPath}.deployment.minimumHealthyPercent`,
          message: `${s.name}: minimumHealthyPercent ${s.rollout.minimumHealthyPercent} lets running tasks drop to ${Math.ceil((s.desiredCount * s.rollout.minimumHealthyPercent) / 100)} of ${s.desiredCount} during a rollout, below minimumHealthyPercentFloor`,
        })),
    ),
};
