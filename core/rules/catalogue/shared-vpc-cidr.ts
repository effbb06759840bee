import type { FindingDefinition } from "../../model/findings";

export const sharedVpcCidr: FindingDefinition = {
  id: "PG-SHARED-VPC-CIDR",
  level: "error",
  description: "Two environments declare the same VPC id with different CIDRs.",
  why: "A VPC has one CIDR; the endpoint security groups would be built on a wrong one.",
  fix: "Give the VPC the same cidr in both environments.",
  suppressible: false,
};
