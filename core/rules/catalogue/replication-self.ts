import type { PlanningFindingDefinition } from "../../model/findings";

export const replicationSelf: PlanningFindingDefinition = {
  id: "PG-REPLICATION-SELF",
  level: "error",
  description: "A replication destination equals its source registry.",
  why: "ECR refuses a replication destination that is its own source (docs/aws-facts.md, \"Repository creation templates and replication\").",
  fix: "Remove that destination.",
  suppressible: false,
  raisedWhilePlanning: "the planner drops a configured destination equal to its source registry, so no replication rule of the plan holds it to judge",
};
