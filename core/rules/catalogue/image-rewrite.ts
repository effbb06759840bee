import type { PlanningFindingDefinition } from "../../model/findings";

export const imageRewrite: PlanningFindingDefinition = {
  id: "PG-IMAGE-REWRITE",
  level: "error",
  description: "An image cannot be rewritten to its pull-through cache or replica address.",
  why: "The pull route the config asks for has no address for this image.",
  fix: "Follow the hint in the message (pullDirect or a declared upstream).",
  suppressible: false,
  raisedWhilePlanning: "no cache rule and no declared registry gives the image a route, so the plan has no repository the task could pull it from and no container plan holds it",
};
