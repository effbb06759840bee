import { quoted } from "../../config/problems";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * A task's containers as the plan holds them, against what names them (dependsOn, a load
 * balancer) and against ECS's size limit: each is refused by ECS at apply time, after other
 * resources of the stack changed.
 */

/** A load balancer's container must be one of the task's (the main one by default). */
export const loadBalancerContainer: Rule = {
  definition: catalogue.loadBalancerContainer,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services.flatMap((s) =>
        s.production.loadBalancers.flatMap((lb, i) =>
          s.containers.some((c) => c.name === lb.containerName)
            ? []
            : [
                {
                  stack: env.stackName,
                  path: `${s.configPath}.loadBalancers[${i}].container`,
                  message: `names ${quoted(lb.containerName)}, which is not a container of the task (${s.containers.map((c) => c.name).join(", ")})`,
                },
              ],
        ),
      ),
    ),
};
