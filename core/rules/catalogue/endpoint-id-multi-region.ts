import type { FindingDefinition } from "../../model/findings";

export const endpointIdMultiRegion: FindingDefinition = {
  id: "PG-ENDPOINT-ID-MULTI-REGION",
  level: "error",
  description: "An environment running in several Regions names an existing endpoint id at environment level.",
  why: "An endpoint belongs to one VPC in one Region.",
  fix: "Set it under regions.<region>.endpoints.",
  suppressible: false,
};
