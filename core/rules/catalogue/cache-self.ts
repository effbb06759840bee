import type { FindingDefinition } from "../../model/findings";

export const cacheSelf: FindingDefinition = {
  id: "PG-CACHE-SELF",
  level: "error",
  description: "An ECR-to-ECR cache rule points at its own registry.",
  why: "A cache rule needs an upstream in another account or Region.",
  fix: "Point it at another registry, or remove it.",
  suppressible: false,
};
