import type { FindingDefinition } from "../../model/findings";

export const rolloutCapacity: FindingDefinition = {
  id: "PG-ROLLOUT-CAPACITY",
  level: "warning",
  description: "minimumHealthyPercent is below the service's minimumHealthyPercentFloor.",
  why: "During a rolling update ECS may stop tasks down to minimumHealthyPercent of desiredCount, so capacity drops while new tasks pull.",
  fix: "Raise minimumHealthyPercent to the floor, or lower minimumHealthyPercentFloor on purpose.",
  suppressible: true,
};
