import type { FindingDefinition } from "../../model/findings";

export const cacheRoleMissing: FindingDefinition = {
  id: "PG-CACHE-ROLE-MISSING",
  level: "error",
  description: "A cross-account ECR-to-ECR cache rule has no roleArn.",
  why: "ECR needs a role in the registry's account that may pull from the upstream account (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Set roleArn.",
  suppressible: false,
};
