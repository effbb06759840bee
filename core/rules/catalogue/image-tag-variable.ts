import type { FindingDefinition } from "../../model/findings";

export const imageTagVariable: FindingDefinition = {
  id: "PG-IMAGE-TAG-VARIABLE",
  level: "error",
  description: "imageTagVariable is set on an image without a tag, or with a digest.",
  why: "The tag is the variable's default; without one there is nothing to vary.",
  fix: "Write the image with a tag and no digest, or drop imageTagVariable.",
  suppressible: false,
};
