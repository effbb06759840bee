import type { FindingDefinition } from "../../model/findings";

export const existingRegion: FindingDefinition = {
  id: "PG-EXISTING-REGION",
  level: "error",
  description: "registry.existing names a Region where the account has no registry stack.",
  why: "There is nothing to import the settings into.",
  fix: "Remove the entry or fix the Region.",
  suppressible: false,
};
