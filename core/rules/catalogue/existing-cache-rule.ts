import type { FindingDefinition } from "../../model/findings";

export const existingCacheRule: FindingDefinition = {
  id: "PG-EXISTING-CACHE-RULE",
  level: "error",
  description: "registry.existing lists a cache rule prefix the registry does not plan.",
  why: "Importing it would delete it on apply.",
  fix: "Remove the prefix or declare the upstream.",
  suppressible: false,
};
