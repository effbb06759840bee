import type { PlanningFindingDefinition } from "../../model/findings";

export const regionOverrideUnknown: PlanningFindingDefinition = {
  id: "PG-REGION-OVERRIDE-UNKNOWN",
  level: "error",
  description: "A Region override names something the config does not have: a service, sidecar, load balancer, upstream or registry Region.",
  why: "An override for nothing is a typo that would be ignored silently.",
  fix: "Override only what the environment or account declares, where it runs.",
  suppressible: false,
  raisedWhilePlanning: "the Region override has nothing to apply to (a service or sidecar the environment does not declare, a load balancer list of another length, advanced settings or an alb-requests policy the service does not have, a registry Region with no registry stack), so it is dropped and no plan record holds it",
};
