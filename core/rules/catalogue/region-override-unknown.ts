import type { PlanningFindingDefinition } from "../../model/findings";

export const regionOverrideUnknown: PlanningFindingDefinition = {
  id: "PG-REGION-OVERRIDE-UNKNOWN",
  level: "error",
  description: "A Region override names something the config does not have: a service, sidecar, load balancer, upstream or registry Region.",
  why: "An override for nothing is a typo that would be ignored silently.",
  fix: "Override only what the environment or account declares, where it runs.",
  suppressible: false,
  raisedWhilePlanning: "PENDING: not yet classified",
};
