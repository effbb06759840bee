import type { FindingDefinition } from "../../model/findings";

export const replicationRuleLimit: FindingDefinition = {
  id: "PG-REPLICATION-RULE-LIMIT",
  level: "error",
  description: "A registry needs more replication rules than ECR allows.",
  why: "ECR allows a fixed number of replication rules per registry (docs/aws-facts.md, \"Repository creation templates and replication\").",
  fix: "Group repositories under shared prefixes.",
  suppressible: false,
};
