import type { FindingDefinition } from "../../model/findings";

export const existingCredentialSecret: FindingDefinition = {
  id: "PG-EXISTING-CREDENTIAL-SECRET",
  level: "error",
  description: "registry.existing names a credential secret for no created credential, or one in another account or Region.",
  why: "Only secrets pullguard creates can be imported, and only in the registry's account and Region.",
  fix: "Fix the prefix or the ARN.",
  suppressible: false,
};
