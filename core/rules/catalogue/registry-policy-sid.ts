import type { PlanningFindingDefinition } from "../../model/findings";

export const registryPolicySid: PlanningFindingDefinition = {
  id: "PG-REGISTRY-POLICY-SID",
  level: "error",
  description: "A registry policy statement uses a Sid pullguard's own policy uses.",
  why: "Statement Sids must be unique in one policy.",
  fix: "Pick another Sid.",
  suppressible: false,
  raisedWhilePlanning: "PENDING: not yet classified",
};
