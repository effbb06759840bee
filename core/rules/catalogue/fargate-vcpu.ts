import type { FindingDefinition } from "../../model/findings";

export const fargateVcpu: FindingDefinition = {
  id: "PG-FARGATE-VCPU",
  level: "error",
  description: "One Fargate service at its deployment peak (old and new tasks of a rolling update, or blue and green side by side) would run more than pullBudget.fargate.maxVcpuShare of the account's Fargate On-Demand or Spot vCPU quota in its Region.",
  why: "Fargate counts running vCPU per account and Region, On-Demand and Spot apart; a task above the quota is not placed, so the deployment stalls and the circuit breaker rolls it back (docs/aws-facts.md, \"Fargate quotas\").",
  fix: "Use the maximumPercent or fleet the message names, smaller tasks, or raise the quota it names (and set pullBudget.fargate.quotas).",
  suppressible: true,
};
