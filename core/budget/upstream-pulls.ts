/**
 * The upstream side of the pull-through cache: the pulls the caches themselves make from Docker Hub
 * (or GHCR, GitLab, Azure...), per upstream account, against that account's limit. A different pool
 * from the ECR quotas (an upstream account, shared by every cache rule of every AWS account and
 * Region that logs in with it) and a different unit (manifest GETs per window).
 *
 * The model (docs/pull-budget.md, "Upstream pulls"; facts in docs/aws-facts.md, "Docker Hub limits"):
 * - a cache fetches an image from upstream the first time it is pulled: a FIRST DEPLOY makes one pull
 *   per distinct image, per architecture pulled (a multi-arch image counts once per architecture
 *   fetched), per cache (account and Region) that serves it: N images x R Regions x A accounts. A
 *   first deploy takes minutes, so all of it falls within one window;
 * - a cache re-checks a tag upstream at most once per 24 h, when the image is pulled. pullguard counts
 *   each check as a pull (how ECR checks is undocumented; Docker counts a GET, not a HEAD) and a
 *   digest-pinned image as never re-checked: a STEADY-STATE DAY makes at most one pull per
 *   tag-referenced image, architecture and cache. Caches filled by one deploy re-check together a day
 *   later, so the worst case, assumed here, puts a whole day's checks in one window.
 * Pure: data in, data out; no cdktf, no I/O.
 */
import { byCodePoint } from "../sort";
import { DEFAULT_DOCKER_HUB_PLAN, DOCKER_HUB_PLAN_PULLS, DOCKER_HUB_PLANS, DOCKER_HUB_WINDOW_HOURS, type UpstreamPlan } from "../../facts/upstream-limits";

/** Who pulls upstream: the credential's upstream account, or, unnamed, the secret itself. */
export interface UpstreamLoginRef {
  /** Identity: equal keys share one limit. */
  readonly key: string;
  /** For people: "Docker Hub account acme-bot", "Docker Hub secret ecr-pullthroughcache/docker-hub (111111111111, us-east-1)". */
  readonly label: string;
  readonly dockerHub: boolean;
  /** As configured; undefined = the default. */
  readonly plan?: UpstreamPlan;
  /** The credential's config path (or the rule's, for an upstream with no credential). */
  readonly configPath: string;
}

/** One image one cache fetches from upstream for one architecture. */
export interface UpstreamPull {
  /** The upstream image: "registry-1.docker.io/library/nginx:1.27.3", "...@sha256:...". */
  readonly image: string;
  /** Referenced by digest: the content cannot change, so the cache never re-fetches it. */
  readonly pinned: boolean;
  readonly architecture: string;
  /** The cache: "<account>/<region>". */
  readonly cache: string;
  readonly login: UpstreamLoginRef;
}

export type LimitSource = "plan" | "default plan" | "unlimited" | "unpublished";

export interface UpstreamPullPool {
  readonly key: string;
  readonly label: string;
  /** The plan in force: a Docker Hub plan name, "custom" for `{ pulls, hours }`, or "unpublished". */
  readonly plan: string;
  /** Pulls per window; null = unlimited or unpublished (never judged). */
  readonly windowLimit: number | null;
  readonly windowHours: number;
  readonly limitSource: LimitSource;
  /** Distinct upstream images (any architecture). */
  readonly images: number;
  /** Distinct caches pulling through this login. */
  readonly caches: number;
  /** One pull per (image, architecture, cache). */
  readonly firstDeployPulls: number;
  /** One re-check per (tag-referenced image, architecture, cache) per 24 h. */
  readonly steadyStatePullsPerDay: number;
  /** firstDeployPulls per cache, by cache, sorted. */
  readonly byCache: readonly { readonly cache: string; readonly firstDeployPulls: number; readonly steadyStatePullsPerDay: number }[];
  /** Credentials sharing this login, with the plan each sets: more than one distinct plan is a config error. */
  readonly credentials: readonly { readonly configPath: string; readonly plan?: UpstreamPlan }[];
}

function isDockerHubPlan(plan: UpstreamPlan): plan is (typeof DOCKER_HUB_PLANS)[number] {
  return typeof plan === "string";
}

/** The limit a login's plan gives; a Docker Hub plan name on another registry is an error reported by the rule, and means nothing here. */
export function limitOf(login: Pick<UpstreamLoginRef, "dockerHub" | "plan">): { plan: string; windowLimit: number | null; windowHours: number; limitSource: LimitSource } {
  const plan = login.plan;
  if (plan !== undefined && !isDockerHubPlan(plan)) return { plan: "custom", windowLimit: plan.pulls, windowHours: plan.hours, limitSource: "plan" };
  if (!login.dockerHub) return { plan: "unpublished", windowLimit: null, windowHours: DOCKER_HUB_WINDOW_HOURS, limitSource: "unpublished" };
  const name = plan ?? DEFAULT_DOCKER_HUB_PLAN;
  const pulls = DOCKER_HUB_PLAN_PULLS[name];
  return { plan: name, windowLimit: pulls, windowHours: DOCKER_HUB_WINDOW_HOURS, limitSource: pulls === null ? "unlimited" : plan === undefined ? "default plan" : "plan" };
}

/** The pools of every upstream login, sorted by key; each (image, architecture, cache) counted once. */
export function upstreamPullPools(pulls: readonly UpstreamPull[]): UpstreamPullPool[] {
  const groups = new Map<string, UpstreamPull[]>();
  for (const p of pulls) {
    const group = groups.get(p.login.key);
    if (group) group.push(p);
    else groups.set(p.login.key, [p]);
  }
  return [...groups.keys()].sort(byCodePoint).map((key) => {
    const group = groups.get(key)!;
    const first = new Set<string>();
    const steady = new Set<string>();
    const cacheCounts = new Map<string, { first: Set<string>; steady: Set<string> }>();
    const credentials = new Map<string, UpstreamPlan | undefined>();
    for (const p of group) {
      const unit = JSON.stringify([p.image, p.architecture, p.cache]);
      first.add(unit);
      if (!p.pinned) steady.add(unit);
      const counts = cacheCounts.get(p.cache) ?? { first: new Set(), steady: new Set() };
      counts.first.add(unit);
      if (!p.pinned) counts.steady.add(unit);
      cacheCounts.set(p.cache, counts);
      if (!credentials.has(p.login.configPath)) credentials.set(p.login.configPath, p.login.plan);
    }
    const login = group[0]!.login;
    const sharing = [...credentials.keys()].sort(byCodePoint).map((configPath) => ({ configPath, plan: credentials.get(configPath) }));
    // Several plans for one login is a config error (the rule says so); the first in path order counts meanwhile.
    const configured = sharing.find((c) => c.plan !== undefined)?.plan;
    return {
      key,
      label: login.label,
      ...limitOf({ dockerHub: login.dockerHub, ...(configured !== undefined ? { plan: configured } : {}) }),
      images: new Set(group.map((p) => p.image)).size,
      caches: cacheCounts.size,
      firstDeployPulls: first.size,
      steadyStatePullsPerDay: steady.size,
      byCache: [...cacheCounts.keys()].sort(byCodePoint).map((cache) => ({ cache, firstDeployPulls: cacheCounts.get(cache)!.first.size, steadyStatePullsPerDay: cacheCounts.get(cache)!.steady.size })),
      credentials: sharing.map((c) => ({ configPath: c.configPath, ...(c.plan !== undefined ? { plan: c.plan } : {}) })),
    };
  });
}
