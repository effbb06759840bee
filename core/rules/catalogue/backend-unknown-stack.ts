import type { PlanningFindingDefinition } from "../../model/findings";

export const backendUnknownStack: PlanningFindingDefinition = {
  id: "PG-BACKEND-UNKNOWN-STACK",
  level: "error",
  description: "stackBackends names a stack that does not exist.",
  why: "A typo would keep that stack's state local silently.",
  fix: "Use a stack name the message lists.",
  suppressible: false,
  raisedWhilePlanning: "PENDING: not yet classified",
};
