import { instanceSize } from "../../facts/ec2-instance-types";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { instanceTypes } from "./support/instance-fit";

/**
 * An EC2 task larger than every instance of the capacity never starts: ECS places it nowhere and
 * the service waits (docs/services.md). In a mixed instances group a task that misses only some
 * types still runs on the others, but the group may launch instances it cannot use: a warning.
 * Each rule reads the environment's EC2 capacity plan (its instance types) and its EC2 services.
 */

/** An instance type pullguard's table does not know: task sizes are not checked against it. */
export const ec2SizeUnchecked: Rule = {
  definition: catalogue.ec2SizeUnchecked,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      instanceTypes(env)
        .filter(({ type }) => instanceSize(type) === undefined)
        .map(({ type, path }) => ({
          stack: env.stackName,
          path,
          message: `${type} is not in pullguard's instance table (facts/ec2-instance-types.ts): task cpu and memory are not checked against it`,
        })),
    ),
};
