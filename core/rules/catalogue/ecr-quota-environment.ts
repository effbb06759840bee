import type { FindingDefinition } from "../../model/findings";

export const ecrQuotaEnvironment: FindingDefinition = {
  id: "PG-ECR-QUOTA-ENVIRONMENT",
  level: "warning",
  description: "Every service of one environment and Region rolling at once would use more than maxQuotaShare of an ECR API quota.",
  why: "A blue-green swap or a hotfix rolls every service together, and they share the account's per-Region ECR quotas (docs/aws-facts.md, \"ECR API rate quotas and usage metrics\").",
  fix: "Stagger the services' deployments, or raise the quota the message names.",
  suppressible: true,
};
