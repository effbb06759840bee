import { quoted } from "../../config/problems";
import { TASK_DEFINITION_MAX_BYTES, taskDefinitionPartPath, taskDefinitionTooLarge } from "../services/task-definition-size";
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

/** RegisterTaskDefinition refuses a task definition over 64 KiB: named at the field that grew it most. */
export const taskDefinitionSize: Rule = {
  definition: catalogue.taskDefinitionSize,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services
        .filter((s) => s.taskDefinitionSize.bytes > TASK_DEFINITION_MAX_BYTES)
        .map((s) => ({ stack: env.stackName, path: taskDefinitionPartPath(s.configPath, s.name, s.taskDefinitionSize.largest), message: taskDefinitionTooLarge(s.taskDefinitionSize) })),
    ),
};

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
