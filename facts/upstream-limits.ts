/**
 * Pull limits of the registries an ECR pull-through cache fronts, per upstream account (the
 * credential the cache rule logs in with). docs/aws-facts.md, "Docker Hub limits" and "Upstream
 * registry pull limits" (checked 2026-12). Only Docker Hub publishes a pull limit; for the others a
 * config may give one (`credential.plan: { pulls, hours }`).
 */

/** Docker Hub's plans, as `pullThroughCache.dockerHub.credential.plan` names them. */
export const DOCKER_HUB_PLANS = ["unauthenticated", "personal", "pro", "team", "business"] as const;
export type DockerHubPlan = (typeof DOCKER_HUB_PLANS)[number];

/** Docker Hub's pull window: limits are per 6 hours (`ratelimit-limit: 100;w=21600`). */
export const DOCKER_HUB_WINDOW_HOURS = 6;

/**
 * Pulls per 6 hours per plan; null = unlimited under fair use. Unauthenticated is per IPv4 address
 * or IPv6 /64 (a cache rule always has a credential, so it is here only for a plan set by hand).
 */
export const DOCKER_HUB_PLAN_PULLS: Readonly<Record<DockerHubPlan, number | null>> = {
  unauthenticated: 100,
  personal: 200,
  pro: null,
  team: null,
  business: null,
};

/** What pullguard assumes for a Docker Hub credential with no plan: the free Personal plan, the lowest authenticated one. */
export const DEFAULT_DOCKER_HUB_PLAN: DockerHubPlan = "personal";

/** ECR re-checks a cached tag upstream at most once per 24 hours, per cache (aws-facts.md, "ECR pull-through cache"). */
export const CACHE_REFRESH_HOURS = 24;

/** A credential's plan as configured: a Docker Hub plan, or a limit given by hand. */
export type UpstreamPlan = DockerHubPlan | { readonly pulls: number; readonly hours: number };
