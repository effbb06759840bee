import type { FindingDefinition } from "../../model/findings";

export const imageInvalid: FindingDefinition = {
  id: "PG-IMAGE-INVALID",
  level: "error",
  description: "An image is not a valid image reference.",
  why: "Neither ECS nor pullguard can resolve it.",
  fix: "Fix the reference.",
  suppressible: false,
};
