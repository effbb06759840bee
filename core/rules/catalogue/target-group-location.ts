import type { FindingDefinition } from "../../model/findings";

export const targetGroupLocation: FindingDefinition = {
  id: "PG-TARGET-GROUP-LOCATION",
  level: "error",
  description: "A load balancer target group is in another account or Region than the service.",
  why: "ECS registers tasks only in a target group of its own account and Region.",
  fix: "Use a target group in the service's account and Region.",
  suppressible: false,
};
