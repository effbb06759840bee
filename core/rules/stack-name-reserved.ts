import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { reserved } from "./support/reserved-names";

/**
 * Each environment stack's name, settled by core/locations/plan.ts, judged on the plan: cdktf keys
 * a construct's children by name in a plain object, so a name every object already has cannot be
 * used, and two stacks of one name would be merged.
 */

export const stackNameReserved: Rule = {
  definition: catalogue.stackNameReserved,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => reserved(env.stackName))
      .map((env) => ({
        path: `environments.${env.environment}`,
        message: `gives stack name "${env.stackName}", which cdktf cannot use (it is a property of every JavaScript object); rename the environment`,
      })),
};
