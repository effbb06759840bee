import type { FindingDefinition } from "../../model/findings";

export const arnRegion: FindingDefinition = {
  id: "PG-ARN-REGION",
  level: "error",
  description: "A Region-bound ARN (secret, parameter, ...) is in another Region than the stack.",
  why: "Tasks read it in their own Region.",
  fix: "Use the ARN of a copy in the stack's Region.",
  suppressible: false,
};
