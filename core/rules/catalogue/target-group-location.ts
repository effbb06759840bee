import type { FindingDefinition } from "../../model/findings";

export const targetGroupLocation: FindingDefinition = {
  id: "PG-TARGET-GROUP-LOCATION",
  level: "error",
  description: "A load balancer target group, listener rule or load balancer is in another account or Region than the service.",
  why: "Target groups, listener rules and load balancers are Regional: ECS registers tasks and shifts traffic only on those of its own account and Region (docs/aws-facts.md, \"Elastic Load Balancing, KMS and CloudWatch are Regional\").",
  fix: "Use this Region's resources; in a multi-Region environment set them under regions.<region>.services.<name> (docs/estates.md).",
  suppressible: false,
};
