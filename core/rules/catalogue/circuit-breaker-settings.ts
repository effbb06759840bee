import type { FindingDefinition } from "../../model/findings";

export const circuitBreakerSettings: FindingDefinition = {
  id: "PG-CIRCUIT-BREAKER-SETTINGS",
  level: "error",
  description: "deployment.circuitBreaker sets a threshold or resetOnHealthyTask, which the pinned AWS provider cannot render.",
  why: "ECS made the circuit breaker configurable in 2026-07 (thresholdConfiguration, resetOnHealthyTask), but hashicorp/aws 6.25.0, which @cdktf/provider-aws 21.22.1 binds, has only enable and rollback in deployment_circuit_breaker; support is an open provider issue (#48748, PR #48752). A setting that never reaches ECS would look applied while ECS keeps its defaults (docs/aws-facts.md, \"ECS\").",
  fix: "Remove deployment.circuitBreaker: the pull-budget report shows the threshold ECS applies (half the fleet, at least 3, at most 200). pullguard's own pull-failure alarm rolls a deployment back on the first failed pull anyway.",
  suppressible: false,
};
