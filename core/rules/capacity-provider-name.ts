import { reservedCapacityProviderPrefix } from "../locations/naming";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/** ECS refuses capacity provider names that begin with aws, ecs or fargate (docs/aws-facts.md). */
export const capacityProviderName: Rule = {
  definition: catalogue.capacityProviderName,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => env.ec2Capacity !== undefined && reservedCapacityProviderPrefix(env.ec2Capacity.name))
      .map((env) => ({
        stack: env.stackName,
        path: "project",
        message: `gives capacity provider name "${env.ec2Capacity!.name}", but ECS refuses capacity provider names that begin with aws, ecs or fargate; choose another project name`,
      })),
};
