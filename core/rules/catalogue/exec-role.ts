import type { FindingDefinition } from "../../model/findings";

export const execRole: FindingDefinition = {
  id: "PG-EXEC-ROLE",
  level: "warning",
  description: "A service with ECS Exec uses an existing task role pullguard does not manage.",
  why: "ECS Exec needs the ssmmessages actions on the task role (docs/aws-facts.md, \"ECS\").",
  fix: "Grant the actions the message names on that role.",
  suppressible: true,
};
