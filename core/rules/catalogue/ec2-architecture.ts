import type { FindingDefinition } from "../../model/findings";

export const ec2Architecture: FindingDefinition = {
  id: "PG-EC2-ARCHITECTURE",
  level: "error",
  description: "A service's cpuArchitecture differs from its EC2 capacity's instance type.",
  why: "An image for one architecture cannot run on instances of the other.",
  fix: "Use the instance type's architecture, or run the service on Fargate.",
  suppressible: false,
};
