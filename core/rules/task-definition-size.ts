import { TASK_DEFINITION_MAX_BYTES, taskDefinitionPartPath, taskDefinitionTooLarge } from "../services/task-definition-size";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * A task's containers as the plan holds them, against what names them (dependsOn, a load
 * balancer) and against ECS's size limit: each is refused by ECS at apply time, after other
 * resources of the stack changed.
 */

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
