import type { FindingDefinition } from "../../model/findings";

export const fargateVcpuAccount: FindingDefinition = {
  id: "PG-FARGATE-VCPU-ACCOUNT",
  level: "error",
  description: "Every Fargate service of one account and Region at its deployment peak at once (a change rolled to every service) would run more than pullBudget.fargate.maxVcpuShare of a Fargate vCPU quota.",
  why: "The vCPU quotas are per account and Region, shared by every environment there; a hotfix rolled everywhere meets them all at once, and tasks past the quota are not placed (docs/aws-facts.md, \"Fargate quotas\").",
  fix: "Raise the quota the message names, stagger deployments and suppress this finding with the reason, or move an environment to its own account.",
  suppressible: true,
};
