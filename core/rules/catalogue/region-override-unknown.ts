import type { PlanningFindingDefinition } from "../../model/findings";

export const regionOverrideUnknown: PlanningFindingDefinition = {
  id: "PG-REGION-OVERRIDE-UNKNOWN",
  level: "error",
  description: "A Region override names something the config does not have: a service, sidecar, load balancer, upstream or registry Region.",
  why: "An override for nothing is a typo that would be ignored silently.",
  fix: "Override only what the environment or account declares, where it runs.",
  suppressible: false,
  raisedWhilePlanning: "the Region override names something its environment or account does not have (a service, a sidecar, a load balancer entry or its advanced settings, an alb-requests policy, a registry Region), so it is dropped and no plan record holds it",
};
