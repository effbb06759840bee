import type { FindingDefinition } from "../../model/findings";

export const nameClash: FindingDefinition = {
  id: "PG-NAME-CLASH",
  level: "error",
  description: "Two resources would get the same name in one AWS namespace.",
  why: "AWS names (roles, clusters, log groups, ...) are unique per scope; the second create fails (docs/aws-facts.md, \"Names, tags, buckets, secrets\").",
  fix: "Rename one of the environments or services the message names.",
  suppressible: false,
};
