import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/**
 * An endpoint policy applies to everything that reaches the endpoint, not only ECS tasks: the S3
 * gateway policy governs every instance on the associated route tables (AWS VPC user guide, "Gateway
 * endpoints for Amazon S3": services that use AWS-owned buckets need them allowed), so
 * restrictToAccount denies AWS-owned buckets such as the Amazon Linux 2023 package repositories.
 */
export const endpointPolicyScope: Rule = {
  definition: catalogue.endpointPolicyScope,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => env.endpoints.some((e) => e.service === "s3" && e.mode === "create" && e.policy !== undefined))
      .map((env) => ({
        stack: env.stackName,
        path: `environments.${env.environment}.endpoints.restrictToAccount`,
        message: `the S3 gateway policy covers everything routed through ${env.vpc.endpointRouteTableIds.join(", ")}, not only ECS tasks: buckets outside account ${env.account} except ECR's layer bucket are denied, including AWS-owned ones such as the Amazon Linux 2023 package repositories (dnf on EC2 hosts); turn it off if anything else on those route tables needs them (docs/estates.md)`,
      })),
};
