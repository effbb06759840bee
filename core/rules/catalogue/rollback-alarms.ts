import type { FindingDefinition } from "../../model/findings";

export const rollbackAlarms: FindingDefinition = {
  id: "PG-ROLLBACK-ALARMS",
  level: "warning",
  description: "A BLUE_GREEN, LINEAR or CANARY deployment names no CloudWatch alarm of its own with rollback true.",
  why: "pullguard's pull-failure alarm rolls back a green fleet that cannot pull its image; a fleet that pulls but misbehaves (errors, latency) rolls back only on the team's own alarms, and LINEAR and CANARY have no circuit breaker either (docs/aws-facts.md, \"ECS\").",
  fix: "Add deployment.alarms with rollback true, naming alarms that watch the service's traffic.",
  suppressible: true,
};
