import type { FindingDefinition } from "../../model/findings";

export const mutableTags: FindingDefinition = {
  id: "PG-MUTABLE-TAGS",
  level: "warning",
  description: "Repository creation templates create repositories with MUTABLE tags.",
  why: "ECS pins the digest at deployment; a moved tag leaves running tasks on an untagged image that the untagged-expiry lifecycle rule deletes, breaking later scale-out.",
  fix: "Set repositoryTemplates.tagMutability to IMMUTABLE.",
  suppressible: true,
};
