/** One environment stack: subnets, VPC endpoints, EC2 capacity and task fit. What the rest of the project may import from here. */
export * from "./stack-plan";
