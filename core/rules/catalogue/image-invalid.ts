import type { PlanningFindingDefinition } from "../../model/findings";

export const imageInvalid: PlanningFindingDefinition = {
  id: "PG-IMAGE-INVALID",
  level: "error",
  description: "An image is not a valid image reference.",
  why: "Neither ECS nor pullguard can resolve it.",
  fix: "Fix the reference.",
  suppressible: false,
  raisedWhilePlanning: "the image does not parse, so no container plan holds a reference to judge",
};
