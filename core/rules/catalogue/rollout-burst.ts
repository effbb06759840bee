import type { FindingDefinition } from "../../model/findings";

export const rolloutBurst: FindingDefinition = {
  id: "PG-ROLLOUT-BURST",
  level: "warning",
  description: "A rolling update starts more tasks at once than the service's pull budget.",
  why: "Simultaneous starts are what throttle ECR; the budget is the service's share of the quotas (docs/aws-facts.md, \"ECR API rate quotas and usage metrics\").",
  fix: "Use the minimumHealthyPercent / maximumPercent the message names, lower desiredCount or raise the budget.",
  suppressible: true,
};
