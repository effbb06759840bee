import type { FindingDefinition } from "../../model/findings";

export const loadBalancerContainer: FindingDefinition = {
  id: "PG-LOAD-BALANCER-CONTAINER",
  level: "error",
  description: "A load balancer names a container that is not in the task.",
  why: "ECS needs a container of the task to register.",
  fix: "Name a container of the task.",
  suppressible: false,
};
