import type { FindingDefinition } from "../../model/findings";

export const directPullEgress: FindingDefinition = {
  id: "PG-DIRECT-PULL-EGRESS",
  level: "error",
  description: "A container pulls directly from outside AWS, or from another Region's ECR, in a VPC with natPublicIps 0.",
  why: "Without NAT a private subnet reaches only its VPC endpoints, which serve this Region's AWS hosts alone (docs/aws-facts.md, \"VPC endpoints\").",
  fix: "Pull the image through the cache (remove pullDirect), or give the VPC NAT egress and set natPublicIps.",
  suppressible: true,
};
