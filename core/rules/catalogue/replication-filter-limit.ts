import type { FindingDefinition } from "../../model/findings";

export const replicationFilterLimit: FindingDefinition = {
  id: "PG-REPLICATION-FILTER-LIMIT",
  level: "error",
  description: "A replication rule has more filters than ECR allows.",
  why: "ECR caps repository filters per replication rule (docs/aws-facts.md, \"Repository creation templates and replication\").",
  fix: "Use fewer, shorter prefixes.",
  suppressible: false,
};
