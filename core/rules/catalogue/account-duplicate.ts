import type { FindingDefinition } from "../../model/findings";

export const accountDuplicate: FindingDefinition = {
  id: "PG-ACCOUNT-DUPLICATE",
  level: "error",
  description: "Two account aliases declare the same account id.",
  why: "Stacks and names are planned per account; two aliases for one account would clash.",
  fix: "Keep one alias per account id.",
  suppressible: false,
};
