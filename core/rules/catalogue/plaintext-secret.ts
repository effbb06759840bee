import type { FindingDefinition } from "../../findings";

export const plaintextSecret: FindingDefinition = {
  id: "PG-PLAINTEXT-SECRET",
  level: "error",
  description: "A container environment variable looks like a secret by its name or value.",
  why: "Task definition environment values are visible to anyone who can describe the task definition.",
  fix: "Move the value to secrets (Secrets Manager or SSM).",
  suppressible: false,
};
