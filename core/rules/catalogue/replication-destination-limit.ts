import type { FindingDefinition } from "../../model/findings";

export const replicationDestinationLimit: FindingDefinition = {
  id: "PG-REPLICATION-DESTINATION-LIMIT",
  level: "error",
  description: "A registry replicates to more destinations than ECR allows.",
  why: "ECR caps replication destinations per registry (docs/aws-facts.md, \"Repository creation templates and replication\").",
  fix: "Replicate to fewer destinations.",
  suppressible: false,
};
