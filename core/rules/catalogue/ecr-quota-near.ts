import type { FindingDefinition } from "../../model/findings";

export const ecrQuotaNear: FindingDefinition = {
  id: "PG-ECR-QUOTA-NEAR",
  level: "warning",
  description: "One service's rollout uses more than 80% of its allowed share of an ECR API quota.",
  why: "A rollout near its share leaves little room for retries and for other pulls in the same account and Region (docs/aws-facts.md, \"ECR API rate quotas and usage metrics\").",
  fix: "Slow the rollout (lower maximumPercent) or raise the quota before the fleet grows.",
  suppressible: true,
};
