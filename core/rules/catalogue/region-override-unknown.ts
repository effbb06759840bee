import type { FindingDefinition } from "../../model/findings";

export const regionOverrideUnknown: FindingDefinition = {
  id: "PG-REGION-OVERRIDE-UNKNOWN",
  level: "error",
  description: "A Region override names a service or sidecar the environment does not have.",
  why: "An override for nothing is a typo that would be ignored silently.",
  fix: "Name an existing service or sidecar.",
  suppressible: false,
};
