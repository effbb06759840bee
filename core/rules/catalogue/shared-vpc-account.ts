import type { FindingDefinition } from "../../model/findings";

export const sharedVpcAccount: FindingDefinition = {
  id: "PG-SHARED-VPC-ACCOUNT",
  level: "error",
  description: "Two environments in different accounts declare the same VPC.",
  why: "In a VPC shared with RAM the endpoints belong to the owner account.",
  fix: "Set the endpoints as existingId in the non-owner account.",
  suppressible: false,
};
