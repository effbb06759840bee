import { ECS_EXEC_ACTIONS } from "../services/production";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/** ECS Exec opens Session Manager channels with the task role; an existing role is the user's to grant (docs/aws-facts.md). */
export const execRole: Rule = {
  definition: catalogue.execRole,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services
        .filter((s) => s.production.enableExecuteCommand && s.production.taskRole?.mode === "existing")
        .map((s) => ({
          stack: env.stackName,
          path: `${s.configPath}.taskRole.existingArn`,
          message: `ECS Exec needs ${ECS_EXEC_ACTIONS.join(", ")} on this role; pullguard does not manage it`,
        })),
    ),
};
