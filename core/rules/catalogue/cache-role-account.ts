import type { FindingDefinition } from "../../model/findings";

export const cacheRoleAccount: FindingDefinition = {
  id: "PG-CACHE-ROLE-ACCOUNT",
  level: "error",
  description: "A cache rule's roleArn is in another account than the registry.",
  why: "ECR assumes the rule's role in the registry's own account (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Use a role in the registry's account.",
  suppressible: false,
};
