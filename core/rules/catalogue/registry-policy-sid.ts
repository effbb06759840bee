import type { FindingDefinition } from "../../model/findings";

export const registryPolicySid: FindingDefinition = {
  id: "PG-REGISTRY-POLICY-SID",
  level: "error",
  description: "A registry policy statement uses a Sid pullguard's own policy uses.",
  why: "Statement Sids must be unique in one policy.",
  fix: "Pick another Sid.",
  suppressible: false,
};
