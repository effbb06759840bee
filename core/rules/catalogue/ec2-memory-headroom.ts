import type { FindingDefinition } from "../../model/findings";

export const ec2MemoryHeadroom: FindingDefinition = {
  id: "PG-EC2-MEMORY-HEADROOM",
  level: "warning",
  description: "A task's memory is within the headroom of what one instance type has.",
  why: "The ECS agent registers less memory than installed (kernel and platform overhead), so the task may never be placed (docs/aws-facts.md, \"ECS\").",
  fix: "Keep memory at most the limit the message names, or pick a larger instance type (docs/services.md, \"Capacity and platform\").",
  suppressible: true,
};
