import type { PlanningFindingDefinition } from "../../model/findings";

export const suppressionUnused: PlanningFindingDefinition = {
  id: "PG-SUPPRESSION-UNUSED",
  level: "warning",
  description: "A suppression matches no finding that remains.",
  why: "The finding it was written for is gone, so the suppression only hides a future, different problem.",
  fix: "Remove the suppression.",
  suppressible: false,
  raisedWhilePlanning: "PENDING: not yet classified",
};
