import type { FindingDefinition } from "../../model/findings";

export const suppressionUnused: FindingDefinition = {
  id: "PG-SUPPRESSION-UNUSED",
  level: "warning",
  description: "A suppression matches no finding that remains.",
  why: "The finding it was written for is gone, so the suppression only hides a future, different problem.",
  fix: "Remove the suppression.",
  suppressible: false,
};
