import type { FindingDefinition } from "../../model/findings";

export const ec2TaskFit: FindingDefinition = {
  id: "PG-EC2-TASK-FIT",
  level: "warning",
  description: "A task's cpu or memory exceeds one of the instance types the group can launch.",
  why: "The group can launch instances the task cannot use, which then sit idle.",
  fix: "Remove the smaller instance types, or make the task smaller.",
  suppressible: true,
};
