import type { FindingDefinition } from "../../model/findings";

export const capacityProviderName: FindingDefinition = {
  id: "PG-CAPACITY-PROVIDER-NAME",
  level: "error",
  description: "The project gives a capacity provider name that begins with aws, ecs or fargate.",
  why: "ECS refuses capacity provider names with those prefixes (docs/aws-facts.md, \"Names, tags, buckets, secrets\").",
  fix: "Choose another project name.",
  suppressible: false,
};
