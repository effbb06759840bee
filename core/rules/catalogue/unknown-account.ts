import type { PlanningFindingDefinition } from "../../model/findings";

export const unknownAccount: PlanningFindingDefinition = {
  id: "PG-UNKNOWN-ACCOUNT",
  level: "error",
  description: "An environment or replication destination names an account alias not declared under accounts.",
  why: "pullguard cannot place stacks or grants in an account it does not know.",
  fix: "Declare the account under accounts, or fix the alias.",
  suppressible: false,
  raisedWhilePlanning: "the alias names no declared account, so the environment gets no location and the replication destination is dropped: no plan record holds it",
};
