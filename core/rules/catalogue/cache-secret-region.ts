import type { FindingDefinition } from "../../model/findings";

export const cacheSecretRegion: FindingDefinition = {
  id: "PG-CACHE-SECRET-REGION",
  level: "error",
  description: "A cache rule's existing credential has no secret for a Region where the account runs clusters.",
  why: "The credential secret must be in the cache rule's Region (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Add secretArns for that Region.",
  suppressible: false,
};
