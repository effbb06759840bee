import type { FindingDefinition } from "../../model/findings";

export const secretValue: FindingDefinition = {
  id: "PG-SECRET-VALUE",
  level: "error",
  description: "A string in a container definition (environment value, command, entry point, health check, working directory, user) looks like a credential: a known token format, a URL with a password, a password flag or a high-entropy token.",
  why: "Container definitions are stored in the task definition and in Terraform state, so a credential there is readable by anyone who can describe the task definition or read the state. The value is never printed (docs/services.md, \"Secrets in container definitions\").",
  fix: "Move the value to the service's secrets and read it from the environment at run time; suppress with a reason when a reviewed value is not a secret.",
  suppressible: true,
};
