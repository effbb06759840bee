import type { FindingDefinition } from "../../model/findings";

export const replicationBackfill: FindingDefinition = {
  id: "PG-REPLICATION-BACKFILL",
  level: "warning",
  description: "ownImages: replication derives a replication rule.",
  why: "ECR replication copies only images pushed after it is configured (docs/aws-facts.md, \"Repository creation templates and replication\").",
  fix: "Re-push the tags the services run before their first deploy (docs/own-images.md).",
  suppressible: true,
};
