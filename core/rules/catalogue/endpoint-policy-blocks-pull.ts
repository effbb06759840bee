import type { FindingDefinition } from "../../model/findings";

export const endpointPolicyBlocksPull: FindingDefinition = {
  id: "PG-ENDPOINT-POLICY-BLOCKS-PULL",
  level: "error",
  description: "endpoints.restrictToAccount limits ECR to this account, but a service pulls from another account's ECR in this Region.",
  why: "A VPC endpoint policy applies to every call through the endpoint; the pull would be denied at deploy time (docs/aws-facts.md, \"VPC endpoints\").",
  fix: "Turn restrictToAccount off, or pull the image through the cache or replication into this account.",
  suppressible: true,
};
