import type { FindingDefinition } from "../../model/findings";

export const stackNameReserved: FindingDefinition = {
  id: "PG-STACK-NAME-RESERVED",
  level: "error",
  description: "An environment gives a stack name that is a property of every JavaScript object.",
  why: "cdktf keys stacks by name in plain objects and cannot use such a name.",
  fix: "Rename the environment.",
  suppressible: false,
};
