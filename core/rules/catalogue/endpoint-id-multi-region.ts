import type { PlanningFindingDefinition } from "../../model/findings";

export const endpointIdMultiRegion: PlanningFindingDefinition = {
  id: "PG-ENDPOINT-ID-MULTI-REGION",
  level: "error",
  description: "An environment running in several Regions names an existing endpoint id at environment level.",
  why: "An endpoint belongs to one VPC in one Region.",
  fix: "Set it under regions.<region>.endpoints.",
  suppressible: false,
  raisedWhilePlanning: "PENDING: not yet classified",
};
