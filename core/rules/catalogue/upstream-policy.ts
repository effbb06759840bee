import type { FindingDefinition } from "../../model/findings";

export const upstreamPolicy: FindingDefinition = {
  id: "PG-UPSTREAM-POLICY",
  level: "warning",
  description: "An ECR-to-ECR cache rule pulls from an account this config does not manage.",
  why: "The upstream registry must grant the cache's role in its registry policy; pullguard cannot write it there (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Add the statement the message gives to the upstream registry's policy.",
  suppressible: true,
};
