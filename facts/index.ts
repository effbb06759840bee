/** AWS facts the config checks and the planners rely on (docs/aws-facts.md): ARNs and partitions, ECR/ECS names, upstream registries, EC2 instance types and architectures. Imports nothing of the project. What the rest of the project may import from here. */
export * from "./arn";
export * from "./ec2-architecture";
export * from "./ec2-instance-types";
export * from "./ecr";
export * from "./ecs";
export * from "./upstream-registries";
export * from "./eventbridge";
