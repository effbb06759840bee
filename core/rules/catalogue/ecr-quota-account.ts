import type { FindingDefinition } from "../../model/findings";

export const ecrQuotaAccount: FindingDefinition = {
  id: "PG-ECR-QUOTA-ACCOUNT",
  level: "warning",
  description: "Every service of one account and Region (across environments) rolling at once would use more than maxQuotaShare of an ECR API quota.",
  why: "ECR quotas are per account and Region, so environments that share an account share them (docs/aws-facts.md, \"ECR API rate quotas and usage metrics\").",
  fix: "Stagger deployments across environments, move an environment to its own account, or raise the quota.",
  suppressible: true,
};
