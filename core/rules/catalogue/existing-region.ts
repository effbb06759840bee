import type { PlanningFindingDefinition } from "../../model/findings";

export const existingRegion: PlanningFindingDefinition = {
  id: "PG-EXISTING-REGION",
  level: "error",
  description: "registry.existing names a Region where the account has no registry stack.",
  why: "There is nothing to import the settings into.",
  fix: "Remove the entry or fix the Region.",
  suppressible: false,
  raisedWhilePlanning: "the entry names a Region where the account has no registry stack, so no registry plan exists to hold it",
};
