import type { FindingDefinition } from "../../model/findings";

export const existingClusterCapacity: FindingDefinition = {
  id: "PG-EXISTING-CLUSTER-CAPACITY",
  level: "error",
  description: "Services need EC2 or Fargate Spot capacity providers on an existing cluster.",
  why: "Setting a cluster's capacity providers replaces the ones it has, which pullguard does not own.",
  fix: "Run those services on Fargate, or let pullguard create the cluster.",
  suppressible: false,
};
