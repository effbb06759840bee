import type { PlanningFindingDefinition } from "../../model/findings";

export const imageEcrRegion: PlanningFindingDefinition = {
  id: "PG-IMAGE-ECR-REGION",
  level: "error",
  description: "An ECR image names a Region that is invalid or unsupported.",
  why: "ECR hosts are per Region; a wrong Region cannot be pulled.",
  fix: "Fix the Region in the image host.",
  suppressible: false,
  raisedWhilePlanning: "the image's ECR host names a Region that does not exist, so no route or repository can be planned for it and no container plan holds the image",
};
