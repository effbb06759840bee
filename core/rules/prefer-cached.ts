import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/** aws-facts.md: prefer-cached disables automated image cleanup, so disks fill. */
export const preferCached: Rule = {
  definition: catalogue.preferCached,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => env.ec2Capacity?.imagePullBehavior === "prefer-cached")
      .map((env) => ({
        stack: env.stackName,
        path: `environments.${env.environment}.ec2Capacity.imagePullBehavior`,
        message: "is prefer-cached, which disables the agent's automated image cleanup: instance disks fill over time; `once` caches per instance and keeps cleanup",
      })),
};
