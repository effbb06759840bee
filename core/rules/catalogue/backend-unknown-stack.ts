import type { PlanningFindingDefinition } from "../../model/findings";

export const backendUnknownStack: PlanningFindingDefinition = {
  id: "PG-BACKEND-UNKNOWN-STACK",
  level: "error",
  description: "stackBackends names a stack that does not exist.",
  why: "A typo would keep that stack's state local silently.",
  fix: "Use a stack name the message lists.",
  suppressible: false,
  raisedWhilePlanning: "the stackBackends entry names a stack that is not planned, so no stack's backend on the plan holds it",
};
