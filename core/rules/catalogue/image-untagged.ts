import type { FindingDefinition } from "../../model/findings";

export const imageUntagged: FindingDefinition = {
  id: "PG-IMAGE-UNTAGGED",
  level: "error",
  description: "An image has neither tag nor digest.",
  why: "An untagged image means :latest, which moves between tasks of one rollout.",
  fix: "Pin a version tag or a digest.",
  suppressible: false,
};
