import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";

/**
 * A Region's ec2Capacity overrides the environment's field by field; the schema checks each level
 * alone, so the merged sizes are judged here: the Auto Scaling group refuses a maxSize below
 * minSize or a desiredCapacity outside the range.
 */
export const ec2CapacitySize: Rule = {
  definition: catalogue.ec2CapacitySize,
  check: ({ plan }) =>
    plan.environments.flatMap((env): RuleViolation[] => {
      const sizes = env.regionEc2Capacity;
      if (sizes === undefined) return [];
      const path = `environments.${env.environment}.regions.${env.region}.ec2Capacity`;
      return [
        ...(sizes.maxSize < sizes.minSize ? [{ stack: env.stackName, path: `${path}.maxSize`, message: "must be at least minSize (after applying the environment's ec2Capacity)" }] : []),
        ...(sizes.desiredCapacity < sizes.minSize || sizes.desiredCapacity > sizes.maxSize
          ? [{ stack: env.stackName, path: `${path}.desiredCapacity`, message: "must be between minSize and maxSize (after applying the environment's ec2Capacity)" }]
          : []),
      ];
    }),
};
