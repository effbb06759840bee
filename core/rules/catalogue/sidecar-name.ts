import type { PlanningFindingDefinition } from "../../model/findings";

export const sidecarName: PlanningFindingDefinition = {
  id: "PG-SIDECAR-NAME",
  level: "error",
  description: "A sidecar has the service's own name.",
  why: "The main container uses the service's name; container names are unique in a task.",
  fix: "Rename the sidecar.",
  suppressible: false,
  raisedWhilePlanning: "a sidecar named like its service would be a second container of the main container's name; the plan tells containers (and their config paths) apart by name, so the sidecar is left out of it",
};
