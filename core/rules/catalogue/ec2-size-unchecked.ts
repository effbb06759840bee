import type { FindingDefinition } from "../../model/findings";

export const ec2SizeUnchecked: FindingDefinition = {
  id: "PG-EC2-SIZE-UNCHECKED",
  level: "warning",
  description: "ec2Capacity names an instance type that is not in pullguard's instance table.",
  why: "Task cpu and memory cannot be checked against an instance type pullguard does not know.",
  fix: "Use a listed type, or add it to facts/ec2-instance-types.ts.",
  suppressible: true,
};
