import type { FindingDefinition } from "../../model/findings";

export const strategyBurst: FindingDefinition = {
  id: "PG-STRATEGY-BURST",
  level: "error",
  description: "A BLUE_GREEN, LINEAR or CANARY deployment starts its whole green fleet at once, above maxQuotaShare of an ECR quota.",
  why: "These strategies start every green task together, so the burst is the fleet, not a rolling step (docs/aws-facts.md, \"ECS\").",
  fix: "Cap the fleet at the size the message names, raise the quota, or use ROLLING.",
  suppressible: true,
};
