import type { FindingDefinition } from "../../model/findings";

export const tagLimit: FindingDefinition = {
  id: "PG-TAG-LIMIT",
  level: "error",
  description: "An environment's tags with the platform's and pullguard's own exceed the AWS limit per resource.",
  why: "AWS allows 50 tags per resource (docs/aws-facts.md, \"Names, tags, buckets, secrets\").",
  fix: "Drop tags.",
  suppressible: false,
};
