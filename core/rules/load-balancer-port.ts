import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * A task's containers as the plan holds them, against what names them (dependsOn, a load
 * balancer) and against ECS's size limit: each is refused by ECS at apply time, after other
 * resources of the stack changed.
 */

/** ... and its port the port that container declares (ECS registers that container port in the target group). */
export const loadBalancerPort: Rule = {
  definition: catalogue.loadBalancerPort,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services.flatMap((s) =>
        s.production.loadBalancers.flatMap((lb, i) => {
          const container = s.containers.find((c) => c.name === lb.containerName);
          if (!container || container.port === lb.containerPort) return [];
          return [{ stack: env.stackName, path: `${s.configPath}.loadBalancers[${i}].port`, message: `must be the port of container ${lb.containerName} (${container.port ?? "none declared"})` }];
        }),
      ),
    ),
};
