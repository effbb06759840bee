import type { FindingDefinition } from "../../model/findings";

export const secretName: FindingDefinition = {
  id: "PG-SECRET-NAME",
  level: "error",
  description: "A container environment variable has a secret's name (password, token, key) and a plaintext value.",
  why: "Container definitions are stored in the task definition and in Terraform state: anyone who can describe the task definition or read the state reads the value (docs/services.md, \"Secrets in container definitions\").",
  fix: "Move the value to the service's secrets (Secrets Manager or SSM Parameter Store), which ECS injects at start.",
  suppressible: true,
};
