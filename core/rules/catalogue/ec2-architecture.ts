import type { FindingDefinition } from "../../model/findings";

export const ec2Architecture: FindingDefinition = {
  id: "PG-EC2-ARCHITECTURE",
  level: "error",
  description: "A service's cpuArchitecture, written in the config, differs from its EC2 capacity's instance type (left out, it is the capacity's).",
  why: "An image for one architecture cannot run on instances of the other.",
  fix: "Leave runtimePlatform.cpuArchitecture out (the task takes the capacity's), use the instance type's architecture, or run the service on Fargate.",
  suppressible: false,
};
