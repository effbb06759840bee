import type { FindingDefinition } from "../../model/findings";

export const lifecycleHookRegion: FindingDefinition = {
  id: "PG-LIFECYCLE-HOOK-REGION",
  level: "warning",
  description: "A deployment lifecycle hook's Lambda function is in another Region than the service.",
  why: "Lambda functions are Regional, and AWS does not document that ECS invokes a hook in another Region (docs/aws-facts.md, \"Elastic Load Balancing, KMS and CloudWatch are Regional\").",
  fix: "Set this Region's hooks under regions.<region>.services.<name>.deployment.lifecycleHooks (docs/estates.md).",
  suppressible: true,
};
