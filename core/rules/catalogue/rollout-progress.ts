import type { FindingDefinition } from "../../model/findings";

export const rolloutProgress: FindingDefinition = {
  id: "PG-ROLLOUT-PROGRESS",
  level: "error",
  description: "A ROLLING deployment's minimumHealthyPercent and maximumPercent start no task at once for its desiredCount.",
  why: "ECS starts floor(D x maximumPercent / 100) - ceil(D x minimumHealthyPercent / 100) tasks at a time; at 0 the deployment never progresses (docs/aws-facts.md, \"ECS\").",
  fix: "Use the minimumHealthyPercent / maximumPercent the message names, or change desiredCount.",
  suppressible: true,
};
