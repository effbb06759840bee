import type { FindingDefinition } from "../../model/findings";

export const existingUnmanaged: FindingDefinition = {
  id: "PG-EXISTING-UNMANAGED",
  level: "warning",
  description: "An existing registry setting pullguard needs no part of stays unmanaged.",
  why: "pullguard leaves settings it does not plan untouched rather than import and delete them.",
  fix: "Remove the entry from registry.existing, or suppress it.",
  suppressible: true,
};
