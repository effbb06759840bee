import { parseConfig } from "../../../config/load";
import type { PlatformConfigInput } from "../../../config/schema";
import { limitOf, upstreamPullPools, upstreamPullsOf, type UpstreamLoginRef, type UpstreamPull } from "../../../core/budget";
import { planPlatform } from "../../../core/plan";
import { SECOND_VPC, VPC } from "../../rules/rule-cases";

const bot: UpstreamLoginRef = { key: "registry-1.docker.io account acme-bot", label: "Docker Hub account acme-bot", dockerHub: true, configPath: "accounts.a.registry.pullThroughCache.dockerHub.credential" };
const pull = (image: string, architecture: string, cache: string, pinned = false, login = bot): UpstreamPull => ({ image, architecture, cache, pinned, login });

describe("upstreamPullPools: one pull per image, architecture and cache", () => {
  test("the same image twice in one cache and architecture is one pull; another architecture or cache is another", () => {
    const [pool] = upstreamPullPools([
      pull("registry-1.docker.io/library/nginx:1.27.3", "X86_64", "111111111111/us-east-1"),
      pull("registry-1.docker.io/library/nginx:1.27.3", "X86_64", "111111111111/us-east-1"),
      pull("registry-1.docker.io/library/nginx:1.27.3", "ARM64", "111111111111/us-east-1"),
      pull("registry-1.docker.io/library/nginx:1.27.3", "X86_64", "111111111111/us-west-2"),
      pull("registry-1.docker.io/library/redis@sha256:abc", "X86_64", "111111111111/us-west-2", true),
    ]);
    expect(pool).toEqual({
      key: "registry-1.docker.io account acme-bot",
      label: "Docker Hub account acme-bot",
      plan: "personal",
      windowLimit: 200,
      windowHours: 6,
      limitSource: "default plan",
      images: 2,
      caches: 2,
      // nginx x86 + nginx arm64 in us-east-1, nginx x86 + pinned redis in us-west-2.
      firstDeployPulls: 4,
      // The pinned redis is never re-fetched.
      steadyStatePullsPerDay: 3,
      byCache: [
        { cache: "111111111111/us-east-1", firstDeployPulls: 2, steadyStatePullsPerDay: 2 },
        { cache: "111111111111/us-west-2", firstDeployPulls: 2, steadyStatePullsPerDay: 1 },
      ],
      credentials: [{ configPath: "accounts.a.registry.pullThroughCache.dockerHub.credential" }],
    });
  });

  test("no pulls, no pools", () => {
    expect(upstreamPullPools([])).toEqual([]);
  });
});

describe("limitOf: the plan's pulls per window", () => {
  test.each([
    [{ dockerHub: true }, { plan: "personal", windowLimit: 200, windowHours: 6, limitSource: "default plan" }],
    [{ dockerHub: true, plan: "unauthenticated" as const }, { plan: "unauthenticated", windowLimit: 100, windowHours: 6, limitSource: "plan" }],
    [{ dockerHub: true, plan: "business" as const }, { plan: "business", windowLimit: null, windowHours: 6, limitSource: "unlimited" }],
    [{ dockerHub: false }, { plan: "unpublished", windowLimit: null, windowHours: 6, limitSource: "unpublished" }],
    [{ dockerHub: false, plan: { pulls: 500, hours: 1 } }, { plan: "custom", windowLimit: 500, windowHours: 1, limitSource: "plan" }],
    // A Docker Hub plan name elsewhere is PG-UPSTREAM-PLAN's error; the limit stays unpublished.
    [{ dockerHub: false, plan: "pro" as const }, { plan: "unpublished", windowLimit: null, windowHours: 6, limitSource: "unpublished" }],
  ])("%j", (login, limit) => {
    expect(limitOf(login)).toEqual(limit);
  });
});

describe("upstreamPullsOf a planned estate: three accounts, two Regions", () => {
  const ids = ["111111111111", "222222222222", "333333333333"];
  const services = {
    web: { image: "nginx:1.27.3", desiredCount: 2 },
    cache: { image: "redis:7.2.5", desiredCount: 1 },
    db: { image: "bitnami/postgresql:16.3.0", desiredCount: 1 },
    dash: { image: "grafana/grafana:11.0.0", desiredCount: 1 },
    edge: { image: "nginx:1.27.3", desiredCount: 2, runtimePlatform: { cpuArchitecture: "ARM64" as const } },
    // Not through a Docker Hub login: the account's own ECR, and Quay with no credential.
    own: { image: "111111111111.dkr.ecr.us-east-1.amazonaws.com/own:1.0.0", desiredCount: 1 },
    metrics: { image: "quay.io/prometheus/node-exporter:v1.8.2", desiredCount: 1 },
  };
  const input = {
    accounts: Object.fromEntries(ids.map((id, i) => [`acct${i}`, { id, registry: { pullThroughCache: { dockerHub: { credential: { source: "create", upstreamAccount: "acme-bot" } }, quay: true } } }])),
    environments: Object.fromEntries(ids.map((_, i) => [`env${i}`, { account: `acct${i}`, regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: SECOND_VPC } }, services }])),
  } as PlatformConfigInput;
  const parsed = parseConfig(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const pools = upstreamPullPools(upstreamPullsOf(planPlatform(parsed.config)));

  test("acme-bot: 4 images x 2 Regions x 3 accounts = 24 pulls, + nginx for ARM64 in each of the 6 caches = 30", () => {
    // Pools in key order: quay.io before registry-1.docker.io.
    expect(pools.map((p) => [p.label, p.images, p.caches, p.firstDeployPulls, p.steadyStatePullsPerDay, p.windowLimit])).toEqual([
      // Quay: 1 image x 6 caches, no credential, no published limit.
      ["Quay, no credential (AWS addresses)", 1, 6, 6, 6, null],
      ["Docker Hub account acme-bot", 4, 6, 30, 30, 200],
    ]);
    expect(pools[1]!.byCache.map((c) => c.firstDeployPulls)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(pools[1]!.credentials.map((c) => c.configPath)).toEqual([
      "accounts.acct0.registry.pullThroughCache.dockerHub.credential",
      "accounts.acct1.registry.pullThroughCache.dockerHub.credential",
      "accounts.acct2.registry.pullThroughCache.dockerHub.credential",
    ]);
  });
});
