import type { FindingDefinition } from "../../model/findings";

export const cachePrefixDuplicate: FindingDefinition = {
  id: "PG-CACHE-PREFIX-DUPLICATE",
  level: "error",
  description: "Two cache rules of a registry use the same prefix.",
  why: "ECR keys cache rules by prefix, which must be unique per registry.",
  fix: "Rename one prefix.",
  suppressible: false,
};
