import type { FindingDefinition } from "../../model/findings";

export const rollbackAlarms: FindingDefinition = {
  id: "PG-ROLLBACK-ALARMS",
  level: "warning",
  description: "A BLUE_GREEN, LINEAR or CANARY deployment names no CloudWatch alarm with rollback true.",
  why: "The deployment circuit breaker does not watch these strategies; only alarms roll a failing green fleet back (docs/aws-facts.md, \"ECS\").",
  fix: "Add deployment.alarms with rollback true.",
  suppressible: true,
};
