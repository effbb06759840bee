import type { FindingDefinition } from "../../model/findings";

export const endpointPolicyScope: FindingDefinition = {
  id: "PG-ENDPOINT-POLICY-SCOPE",
  level: "warning",
  description: "restrictToAccount puts an account-restricted policy on a created S3 gateway endpoint.",
  why: "A gateway endpoint policy governs everything routed through its route tables, not only ECS tasks: AWS-owned buckets (e.g. Amazon Linux 2023 package repositories) are denied (docs/aws-facts.md, \"VPC endpoints\").",
  fix: "Turn restrictToAccount off if anything else on those route tables needs other buckets (docs/estates.md, \"restrictToAccount reaches beyond ECS\").",
  suppressible: true,
};
