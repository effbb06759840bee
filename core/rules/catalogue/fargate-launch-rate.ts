import type { FindingDefinition } from "../../model/findings";

export const fargateLaunchRate: FindingDefinition = {
  id: "PG-FARGATE-LAUNCH-RATE",
  level: "warning",
  description: "A Fargate burst (one service's deployment or scale-out step, or every service of an account and Region at once) takes more than pullBudget.maxQuotaShare of a Fargate task launch bucket.",
  why: "Fargate admits task launches per account and Region from a token bucket (100 burst, 20/s, On-Demand and Spot apart). ECS retries throttled launches, so nothing fails, but the rollout slows and every other launch in the account and Region waits behind it (docs/aws-facts.md, \"Fargate quotas\").",
  fix: "Start fewer tasks at once (deployment.maxConcurrentStarts, a step scaling maxAdjustment), or stagger deployments.",
  suppressible: true,
};
