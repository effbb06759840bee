/**
 * The image findings the planner emits while resolving each container's image (core/images,
 * core/services): for each id, a config that comes close without emitting it and one that emits
 * exactly it, at a hand-written path with the catalogued level.
 */
import { emitted, platform, OWN_IMAGE, ACCOUNT } from "./rule-cases";

const IMAGE = "environments.prod.services.web.image";
const web = (image: string, extra: Record<string, unknown> = {}) => platform({ web: { image, desiredCount: 2, ...extra } });

describe("PG-IMAGE-INVALID (error)", () => {
  test("compliant: a lowercase repository with a tag", () => {
    expect(emitted(web("nginx:1.27.3"), "PG-IMAGE-INVALID")).toEqual([]);
  });
  test("non-compliant: an uppercase repository", () => {
    expect(emitted(web("NGINX:1.27.3"), "PG-IMAGE-INVALID")).toEqual([["error", IMAGE]]);
  });
});

describe("PG-IMAGE-UNTAGGED (error)", () => {
  test("compliant: pinned by digest alone", () => {
    expect(emitted(web(`nginx@sha256:${"a".repeat(64)}`), "PG-IMAGE-UNTAGGED")).toEqual([]);
  });
  test("non-compliant: neither tag nor digest", () => {
    expect(emitted(web("nginx"), "PG-IMAGE-UNTAGGED")).toEqual([["error", IMAGE]]);
  });
});

describe("PG-IMAGE-LATEST (error)", () => {
  test("compliant: a tag that only contains latest", () => {
    expect(emitted(web("nginx:latest-1.27"), "PG-IMAGE-LATEST")).toEqual([]);
  });
  test("non-compliant: :LATEST in any case", () => {
    expect(emitted(web("nginx:LATEST"), "PG-IMAGE-LATEST")).toEqual([["error", IMAGE]]);
  });
});

describe("PG-IMAGE-ECR-REGION (error)", () => {
  test("compliant: an ECR host in a real Region", () => {
    expect(emitted(web(OWN_IMAGE), "PG-IMAGE-ECR-REGION")).toEqual([]);
  });
  test("non-compliant: an ECR host naming a Region that does not exist", () => {
    expect(emitted(web(`${ACCOUNT}.dkr.ecr.us-east-9.amazonaws.com/web:1.0`), "PG-IMAGE-ECR-REGION")).toEqual([["error", IMAGE]]);
  });
});

describe("PG-IMAGE-REWRITE (error)", () => {
  test("compliant: an upstream the account caches (Quay)", () => {
    expect(emitted(web("quay.io/org/app:1.0"), "PG-IMAGE-REWRITE")).toEqual([]);
  });
  test("non-compliant: an upstream no cache rule covers (GitHub's registry)", () => {
    expect(emitted(web("ghcr.io/org/app:1.0"), "PG-IMAGE-REWRITE")).toEqual([["error", IMAGE]]);
  });
});

const approved = (image: string) =>
  platform(
    { web: { image, desiredCount: 2 } },
    {},
    { accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" }, allowedRepositories: ["bitnami/*"] } } } } } },
  );

describe("PG-IMAGE-NOT-APPROVED (error)", () => {
  test("compliant: a repository the wildcard approves", () => {
    expect(emitted(approved("bitnami/redis:7.2"), "PG-IMAGE-NOT-APPROVED")).toEqual([]);
  });
  test("non-compliant: a near miss of the approved namespace", () => {
    expect(emitted(approved("bitnamii/redis:7.2"), "PG-IMAGE-NOT-APPROVED")).toEqual([["error", IMAGE]]);
  });
});

describe("PG-IMAGE-TAG-VARIABLE (error)", () => {
  test("compliant: a tagged image becomes the variable's default", () => {
    expect(emitted(web("nginx:1.27.3", { imageTagVariable: true }), "PG-IMAGE-TAG-VARIABLE")).toEqual([]);
  });
  test("non-compliant: a tag and a digest leave no tag to vary", () => {
    expect(emitted(web(`nginx:1.27.3@sha256:${"a".repeat(64)}`, { imageTagVariable: true }), "PG-IMAGE-TAG-VARIABLE")).toEqual([
      ["error", "environments.prod.services.web.imageTagVariable"],
    ]);
  });
});
