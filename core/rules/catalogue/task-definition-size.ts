import type { FindingDefinition } from "../../model/findings";

export const taskDefinitionSize: FindingDefinition = {
  id: "PG-TASK-DEFINITION-SIZE",
  level: "error",
  description: "A task definition would exceed 64 KiB.",
  why: "ECS refuses task definitions over 64 KiB (docs/aws-facts.md, \"ECS\").",
  fix: "Move large values to secrets or files.",
  suppressible: false,
};
