import type { FindingDefinition } from "../../model/findings";

export const ecrQuota: FindingDefinition = {
  id: "PG-ECR-QUOTA",
  level: "error",
  description: "One service's rollout would use more than pullBudget.maxQuotaShare of an ECR API quota in its peak second.",
  why: "ECR API quotas are per account and Region and shared by every pull; a rollout above its share throttles itself and everything else pulling (docs/aws-facts.md, \"ECR API rate quotas and usage metrics\").",
  fix: "Use the fastest settings the message names, split the service, or raise the Service Quota it names.",
  suppressible: true,
};
