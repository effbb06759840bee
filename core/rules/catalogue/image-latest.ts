import type { FindingDefinition } from "../../model/findings";

export const imageLatest: FindingDefinition = {
  id: "PG-IMAGE-LATEST",
  level: "error",
  description: "An image uses the :latest tag.",
  why: ":latest moves between tasks of one rollout and forces registry checks.",
  fix: "Pin a version tag or a digest.",
  suppressible: false,
};
