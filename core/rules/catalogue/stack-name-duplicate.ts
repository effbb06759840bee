import type { FindingDefinition } from "../../model/findings";

export const stackNameDuplicate: FindingDefinition = {
  id: "PG-STACK-NAME-DUPLICATE",
  level: "error",
  description: "Two environments give the same stack name.",
  why: "Every stack needs its own name and state.",
  fix: "Rename one environment.",
  suppressible: false,
};
