import type { FindingDefinition } from "../../model/findings";

export const upstreamFirstDeploy: FindingDefinition = {
  id: "PG-UPSTREAM-FIRST-DEPLOY",
  level: "error",
  description: "A first deploy makes more pulls through the caches than the upstream account's limit allows in one window.",
  why: "Every cache rule that logs in with the same upstream account shares its limit: a first deploy of N images to R Regions in A accounts makes N x R x A upstream pulls (once per architecture), and past the limit the cache's pulls fail with 429 toomanyrequests (docs/aws-facts.md, \"Docker Hub limits\").",
  fix: "Stagger first deploys across windows (deploy Regions or accounts in turn), upgrade the upstream plan, or pre-warm each cache (one pull per image and architecture) before the rollout; set credential.upstreamAccount/plan if the config does not say who pulls.",
  suppressible: true,
};
