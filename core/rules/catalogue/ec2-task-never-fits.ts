import type { FindingDefinition } from "../../model/findings";

export const ec2TaskNeverFits: FindingDefinition = {
  id: "PG-EC2-TASK-NEVER-FITS",
  level: "error",
  description: "A task's cpu or memory exceeds every instance type of its EC2 capacity.",
  why: "ECS can never place the task, so the service never starts (docs/aws-facts.md, \"ECS\").",
  fix: "Make the task smaller or use a larger instance type.",
  suppressible: false,
};
