import type { PlatformConfigInput } from "../../config/schema";
import { upstreamFirstDeploy } from "../../core/rules/upstream-first-deploy";
import { upstreamPlan } from "../../core/rules/upstream-plan";
import { upstreamRefresh } from "../../core/rules/upstream-refresh";
import { findingsOf, SECOND_VPC, VPC, type ServiceInput } from "./rule-cases";

/**
 * Three AWS accounts, each running one environment in us-east-1 and us-west-2, each caching Docker
 * Hub with its own secret (one per account and Region: six secrets), every secret logging in as the
 * same Docker Hub user when `upstreamAccount` says so.
 */
const IDS = { a: "111111111111", b: "222222222222", c: "333333333333" } as const;

function estate(services: Record<string, ServiceInput>, credential: Record<string, unknown> = { upstreamAccount: "acme-bot" }): PlatformConfigInput {
  const accounts = Object.fromEntries(
    Object.entries(IDS).map(([alias, id]) => [alias, { id, registry: { pullThroughCache: { dockerHub: { credential: { source: "create", ...credential } } } } }]),
  );
  const environments = Object.fromEntries(
    Object.keys(IDS).map((alias) => [`env-${alias}`, { account: alias, regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: SECOND_VPC } }, services }]),
  );
  return { accounts, environments } as PlatformConfigInput;
}

// Four Docker Hub images on X86_64, and one ARM64 service pulling the first of them again.
const FOUR_IMAGES: Record<string, ServiceInput> = {
  web: { image: "nginx:1.27.3", desiredCount: 2 },
  cache: { image: "redis:7.2.5", desiredCount: 1 },
  db: { image: "bitnami/postgresql:16.3.0", desiredCount: 1 },
  dash: { image: "grafana/grafana:11.0.0", desiredCount: 1 },
  edge: { image: "nginx:1.27.3", desiredCount: 2, runtimePlatform: { cpuArchitecture: "ARM64" } },
};

/** n services, each its own Docker Hub image, one task each. */
function manyImages(n: number): Record<string, ServiceInput> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`app${i}`, { image: `acme/app${i}:1.0.0`, desiredCount: 1 }]));
}

const CACHES = "6 caches: 111111111111/us-east-1 N, 111111111111/us-west-2 N, 222222222222/us-east-1 N, 222222222222/us-west-2 N, 333333333333/us-east-1 N, 333333333333/us-west-2 N";
const caches = (n: number) => CACHES.replace(/ N/g, ` ${n}`);

describe("PG-UPSTREAM-FIRST-DEPLOY (error)", () => {
  test("compliant: 4 images x 2 Regions x 3 accounts = 24 pulls, + the ARM64 nginx in 6 caches = 30, within acme-bot's 200", () => {
    expect(findingsOf(estate(FOUR_IMAGES), upstreamFirstDeploy)).toEqual([]);
  });

  test("compliant at the limit: 33 images x 6 caches = 198 pulls of 200", () => {
    expect(findingsOf(estate(manyImages(33)), upstreamFirstDeploy)).toEqual([]);
  });

  test("non-compliant: 34 images x 2 Regions x 3 accounts = 204 pulls, over the Personal plan's 200 per 6 hours", () => {
    expect(findingsOf(estate(manyImages(34)), upstreamFirstDeploy)).toEqual([
      {
        level: "error",
        path: "accounts.a.registry.pullThroughCache.dockerHub.credential",
        message:
          `Docker Hub account acme-bot: a first deploy makes 204 upstream pulls (34 images x architectures x caches; ${caches(34)}), ` +
          "102% of its limit of 200 pulls per 6 hours (plan personal (the default: set credential.plan)), so cache pulls past 200 fail with 429 toomanyrequests; " +
          "stagger first deploys across 6-hour windows (at most 200 pulls in each), upgrade the plan, or pre-warm the caches",
        rule: "PG-UPSTREAM-FIRST-DEPLOY",
      },
    ]);
  });

  test("non-compliant: the ARM64 service's image counts once more per cache: 5 x 6 = 30 pulls against a custom limit of 29", () => {
    const findings = findingsOf(estate(FOUR_IMAGES, { upstreamAccount: "acme-bot", plan: { pulls: 29, hours: 6 } }), upstreamFirstDeploy);
    expect(findings.map((f) => f.message.split(" (")[0])).toEqual(["Docker Hub account acme-bot: a first deploy makes 30 upstream pulls"]);
    expect(findings[0]!.message).toContain("103.4% of its limit of 29 pulls per 6 hours (its configured limit)");
  });

  test("compliant: a paid plan is unlimited", () => {
    expect(findingsOf(estate(manyImages(34), { upstreamAccount: "acme-bot", plan: "team" }), upstreamFirstDeploy)).toEqual([]);
  });

  test("compliant by default: without upstreamAccount each of the six secrets is its own account (34 pulls each)", () => {
    expect(findingsOf(estate(manyImages(34), {}), upstreamFirstDeploy)).toEqual([]);
  });
});

describe("PG-UPSTREAM-REFRESH (warning)", () => {
  test("non-compliant: 27 tag-referenced images x 6 caches = 162 re-checks a day, 81% of 200 if they fall in one window", () => {
    expect(findingsOf(estate(manyImages(27)), upstreamRefresh)).toEqual([
      {
        level: "warning",
        path: "accounts.a.registry.pullThroughCache.dockerHub.credential",
        message:
          `Docker Hub account acme-bot: a day's cache refreshes make up to 162 upstream pulls (each tag-referenced image once per 24 h in each of ${caches(27)}), ` +
          "81% of its limit of 200 pulls per 6 hours (plan personal (the default: set credential.plan)) when they fall in one window; pin images by digest, spread deploys over the day, or upgrade the plan",
        rule: "PG-UPSTREAM-REFRESH",
      },
    ]);
  });

  test("compliant: 26 images x 6 = 156 re-checks, 78%", () => {
    expect(findingsOf(estate(manyImages(26)), upstreamRefresh)).toEqual([]);
  });

  test("compliant: digest-pinned images are never re-fetched, so 27 pinned images make no re-checks", () => {
    const digest = "sha256:" + "a".repeat(64);
    const pinned = Object.fromEntries(Object.entries(manyImages(27)).map(([name, s]) => [name, { ...s, image: `${String(s.image).split(":")[0]}@${digest}` }]));
    expect(findingsOf(estate(pinned), upstreamRefresh)).toEqual([]);
  });
});

describe("PG-UPSTREAM-PLAN (error)", () => {
  test("compliant: one plan for the one upstream account", () => {
    expect(findingsOf(estate(FOUR_IMAGES, { upstreamAccount: "acme-bot", plan: "pro" }), upstreamPlan)).toEqual([]);
  });

  test("non-compliant: two plans for acme-bot", () => {
    const config = estate(FOUR_IMAGES);
    (config.accounts.a as { registry: { pullThroughCache: { dockerHub: { credential: Record<string, unknown> } } } }).registry.pullThroughCache.dockerHub.credential.plan = "pro";
    (config.accounts.c as { registry: { pullThroughCache: { dockerHub: { credential: Record<string, unknown> } } } }).registry.pullThroughCache.dockerHub.credential.plan = "personal";
    expect(findingsOf(config, upstreamPlan)).toEqual([
      {
        level: "error",
        path: "accounts.c.registry.pullThroughCache.dockerHub.credential.plan",
        message: 'is "personal", but accounts.a.registry.pullThroughCache.dockerHub.credential.plan is "pro" for the same upstream account (Docker Hub account acme-bot): one account has one plan',
        rule: "PG-UPSTREAM-PLAN",
      },
    ]);
  });

  test("non-compliant: a Docker Hub plan name on a GHCR credential", () => {
    const config: PlatformConfigInput = {
      accounts: { main: { id: IDS.a, registry: { pullThroughCache: { ghcr: { credential: { source: "create", plan: "pro" } } } } } },
      environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: "ghcr.io/acme/web:1.0.0", desiredCount: 1 } } } },
    };
    expect(findingsOf(config, upstreamPlan)).toEqual([
      {
        level: "error",
        path: "accounts.main.registry.pullThroughCache.ghcr.credential.plan",
        message: '"pro" is a Docker Hub plan, but this credential logs in to GitHub Container Registry, which publishes no plans: give its limit as { pulls, hours }, or leave plan out',
        rule: "PG-UPSTREAM-PLAN",
      },
    ]);
  });
});
