import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * Circuit breaker threshold settings the pinned provider cannot render: left out silently, ECS would
 * keep its defaults while the config says otherwise (docs/aws-facts.md, "ECS").
 */
export const circuitBreakerSettings: Rule = {
  definition: catalogue.circuitBreakerSettings,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services
        .filter((s) => s.production.deployment.circuitBreaker.settingsWritten)
        .map((s) => ({
          stack: env.stackName,
          path: `${s.configPath}.deployment.circuitBreaker`,
          message:
            "is not rendered: hashicorp/aws 6.25.0 (the provider @cdktf/provider-aws 21.22.1 binds) has no threshold_configuration or reset_on_healthy_task in deployment_circuit_breaker (provider issue #48748, PR #48752), so ECS would keep BOUNDED_PERCENT 50 and reset on a healthy task; remove it",
        })),
    ),
};
