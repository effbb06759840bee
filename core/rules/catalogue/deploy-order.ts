import type { FindingDefinition } from "../../model/findings";

export const deployOrder: FindingDefinition = {
  id: "PG-DEPLOY-ORDER",
  level: "warning",
  description: "Two stacks each need the other applied first.",
  why: "A stack that depends on resources of one that depends on it cannot be ordered; its first apply may fail.",
  fix: "Apply the named stack twice if its first apply fails.",
  suppressible: true,
};
