import type { FindingDefinition } from "../../model/findings";

export const cacheRuleLimit: FindingDefinition = {
  id: "PG-CACHE-RULE-LIMIT",
  level: "error",
  description: "A registry declares more pull-through cache rules than ECR allows.",
  why: "ECR caps pull-through cache rules per registry (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Declare fewer upstreams.",
  suppressible: false,
};
