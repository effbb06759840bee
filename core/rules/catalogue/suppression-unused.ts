import type { PlanningFindingDefinition } from "../../model/findings";

export const suppressionUnused: PlanningFindingDefinition = {
  id: "PG-SUPPRESSION-UNUSED",
  level: "warning",
  description: "A suppression matches no finding that remains.",
  why: "The finding it was written for is gone, so the suppression only hides a future, different problem.",
  fix: "Remove the suppression.",
  suppressible: false,
  raisedWhilePlanning: "it stays outside the pack: suppressions judge the pack's findings after the pack has run (core/plan/suppressions.ts), and a pack rule sees the plan without its findings",
};
