import type { FindingDefinition } from "../../model/findings";

export const containerReference: FindingDefinition = {
  id: "PG-CONTAINER-REFERENCE",
  level: "error",
  description: "A container dependency names itself or no container of the task.",
  why: "ECS refuses a task definition whose dependsOn names an unknown container.",
  fix: "Name another container of the task.",
  suppressible: false,
};
