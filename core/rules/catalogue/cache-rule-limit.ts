import type { PlanningFindingDefinition } from "../../model/findings";

export const cacheRuleLimit: PlanningFindingDefinition = {
  id: "PG-CACHE-RULE-LIMIT",
  level: "error",
  description: "A registry declares more pull-through cache rules than ECR allows.",
  why: "ECR caps pull-through cache rules per registry (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Declare fewer upstreams.",
  suppressible: false,
  raisedWhilePlanning: "PENDING: not yet classified",
};
