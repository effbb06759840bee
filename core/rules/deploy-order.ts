import { wantedDependencies } from "../estate/deploy-order";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * A dependency the estate wants but the apply order left out, because the other stack already waits
 * for this one (a cycle: two registries replicating into each other): the first apply of this stack
 * may fail and need a second.
 */
export const deployOrder: Rule = {
  definition: catalogue.deployOrder,
  check: ({ plan }) => {
    const dependsOn = new Map([...plan.registries, ...plan.environments].map((s) => [s.stackName, s.dependsOn]));
    return wantedDependencies(plan.registries, plan.environments)
      .filter(({ stack, dependency }) => stack !== dependency && !(dependsOn.get(stack) ?? []).includes(dependency))
      .map(({ stack, dependency, why, path }) => ({
        path,
        message: `${stack} should be applied after ${dependency} (${why}), but ${dependency} already waits for ${stack}; apply ${stack} twice if its first apply fails`,
        stack,
      }));
  },
};
