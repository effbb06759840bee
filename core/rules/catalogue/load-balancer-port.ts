import type { FindingDefinition } from "../../model/findings";

export const loadBalancerPort: FindingDefinition = {
  id: "PG-LOAD-BALANCER-PORT",
  level: "error",
  description: "A load balancer's port is not the container's port.",
  why: "ECS registers the container port; a different one never receives traffic.",
  fix: "Use the container's port.",
  suppressible: false,
};
