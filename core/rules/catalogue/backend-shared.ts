import type { FindingDefinition } from "../../model/findings";

export const backendShared: FindingDefinition = {
  id: "PG-BACKEND-SHARED",
  level: "error",
  description: "Two stacks store Terraform state at the same location.",
  why: "Stacks sharing a state file overwrite each other's state.",
  fix: "Give every stack its own key.",
  suppressible: false,
};
