import type { FindingDefinition } from "../../model/findings";

export const assumeRoleAccount: FindingDefinition = {
  id: "PG-ASSUME-ROLE-ACCOUNT",
  level: "error",
  description: "An account's assumeRole.roleArn is in another account.",
  why: "The stacks apply in the account of the role the provider assumes.",
  fix: "Assume a role in the account the stacks apply to.",
  suppressible: false,
};
