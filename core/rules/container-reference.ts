import { quoted } from "../../config/problems";
import * as catalogue from "./catalogue";
import { containerPath, type Rule } from "./rule";

/**
 * A task's containers as the plan holds them, against what names them (dependsOn, a load
 * balancer) and against ECS's size limit: each is refused by ECS at apply time, after other
 * resources of the stack changed.
 */

/** dependsOn names another container of the same task; a container cannot wait for itself. */
export const containerReference: Rule = {
  definition: catalogue.containerReference,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services.flatMap((s) => {
        const names = s.containers.map((c) => c.name);
        return s.containers.flatMap((c) =>
          Object.keys(c.settings.dependsOn)
            .filter((target) => !names.includes(target) || target === c.name)
            .map((target) => ({
              stack: env.stackName,
              path: containerPath(s, c, `dependsOn.${target}`),
              message: target === c.name ? "must not name the container itself" : `names ${quoted(target)}, which is not a container of the task (${names.join(", ")})`,
            })),
        );
      }),
    ),
};
