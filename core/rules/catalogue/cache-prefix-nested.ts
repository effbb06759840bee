import type { FindingDefinition } from "../../model/findings";

export const cachePrefixNested: FindingDefinition = {
  id: "PG-CACHE-PREFIX-NESTED",
  level: "error",
  description: "One cache rule's prefix nests inside another's.",
  why: "Cached repositories would be ambiguous between the two rules.",
  fix: "Use prefixes where neither starts the other.",
  suppressible: false,
};
