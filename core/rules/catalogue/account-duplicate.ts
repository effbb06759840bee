import type { PlanningFindingDefinition } from "../../model/findings";

export const accountDuplicate: PlanningFindingDefinition = {
  id: "PG-ACCOUNT-DUPLICATE",
  level: "error",
  description: "Two account aliases declare the same account id.",
  why: "Stacks and names are planned per account; two aliases for one account would clash.",
  fix: "Keep one alias per account id.",
  suppressible: false,
  raisedWhilePlanning: "PENDING: not yet classified",
};
