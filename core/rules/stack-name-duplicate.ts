import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { reserved } from "./support/reserved-names";

/**
 * Each environment stack's name, settled by core/locations/plan.ts, judged on the plan: cdktf keys
 * a construct's children by name in a plain object, so a name every object already has cannot be
 * used, and two stacks of one name would be merged.
 */

/** Environments in plan order: each one that repeats a stack name names the last environment before it that gave it. */
export const stackNameDuplicate: Rule = {
  definition: catalogue.stackNameDuplicate,
  check: ({ plan }) => {
    const owners = new Map<string, string>();
    return plan.environments.flatMap((env) => {
      if (reserved(env.stackName)) return [];
      const owner = owners.get(env.stackName);
      owners.set(env.stackName, env.environment);
      return owner === undefined
        ? []
        : [{ path: `environments.${env.environment}`, message: `gives stack name "${env.stackName}", which environments.${owner} also gives; rename one environment` }];
    });
  },
};
