import type { FindingDefinition } from "../../model/findings";

export const upstreamPlan: FindingDefinition = {
  id: "PG-UPSTREAM-PLAN",
  level: "error",
  description: "A credential's plan does not fit its upstream: a Docker Hub plan name on another registry, or two plans for one upstream account.",
  why: "The upstream pull model judges each upstream account against one limit; a plan it cannot apply would make that judgement silently wrong.",
  fix: "Give other registries `{ pulls, hours }`, and give every credential of one upstreamAccount the same plan (or set it on one only).",
  suppressible: false,
};
