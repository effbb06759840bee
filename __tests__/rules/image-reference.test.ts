/**
 * The image reference rules (core/rules/image-untagged.ts, image-latest.ts, image-tag-variable.ts,
 * image-not-approved.ts) on whole planned configs: each finding with its literal message, at the
 * main container's and a sidecar's path, and the facts the planner leaves for them (a :latest or
 * untagged image is planned as written, then judged).
 */
import { latestImage } from "../../core/rules/image-latest";
import { tagVariableWithoutTag } from "../../core/rules/image-tag-variable";
import { unapprovedImage } from "../../core/rules/image-not-approved";
import { untaggedImage } from "../../core/rules/image-untagged";
import { ACCOUNT, findingsOf, OWN_IMAGE, platform } from "./rule-cases";

const SERVICE = "environments.prod.services.web";
const web = (image: string, extra: Record<string, unknown> = {}) => platform({ web: { image, desiredCount: 2, ...extra } });
const withSidecar = (sidecarImage: string) => platform({ web: { image: OWN_IMAGE, desiredCount: 2, sidecars: { proxy: { image: sidecarImage } } } });

describe("untagged and :latest images", () => {
  test("an untagged main image, with the sentence the report prints", () => {
    expect(findingsOf(web("nginx"), untaggedImage)).toEqual([
      { level: "error", path: `${SERVICE}.image`, message: `"nginx" has no tag; an untagged image means :latest. Pin a version tag or a digest`, stack: "prod", rule: "PG-IMAGE-UNTAGGED" },
    ]);
  });

  test("a :latest sidecar is named at its own path; a digest alone is a pin, not untagged", () => {
    expect(findingsOf(withSidecar("quay.io/org/proxy:Latest"), latestImage).map((f) => [f.path, f.message])).toEqual([
      [`${SERVICE}.sidecars.proxy.image`, `"quay.io/org/proxy:Latest" uses :latest, which moves between tasks of one rollout and forces registry checks. Pin a version tag or a digest`],
    ]);
    expect(findingsOf(withSidecar(`quay.io/org/proxy@sha256:${"b".repeat(64)}`), untaggedImage)).toEqual([]);
  });

  test("tags that merely contain latest are pins", () => {
    expect(findingsOf(web("nginx:latest-1.27"), latestImage)).toEqual([]);
    expect(findingsOf(web("nginx:1.27-latest"), latestImage)).toEqual([]);
  });
});

describe("a tag variable without a tag to vary", () => {
  test("an untagged image with imageTagVariable gets both findings: no tag, and nothing to vary", () => {
    const config = web("nginx", { imageTagVariable: true });
    expect(findingsOf(config, untaggedImage).map((f) => f.path)).toEqual([`${SERVICE}.image`]);
    expect(findingsOf(config, tagVariableWithoutTag).map((f) => [f.path, f.message])).toEqual([
      [`${SERVICE}.imageTagVariable`, "needs an image written with a tag and no digest: the tag is the variable's default"],
    ]);
  });

  test("without imageTagVariable, a digest-only image is fine", () => {
    expect(findingsOf(web(`nginx@sha256:${"a".repeat(64)}`), tagVariableWithoutTag)).toEqual([]);
  });
});

describe("images outside a cache rule's allowedRepositories", () => {
  const approved = (images: Record<string, string>, extra: Record<string, unknown> = {}) =>
    platform(
      Object.fromEntries(Object.entries(images).map(([name, image]) => [name, { image, desiredCount: 2, ...extra }])),
      {},
      { accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" }, allowedRepositories: ["bitnami/*", "library/nginx"] }, quay: true } } } } },
    );

  test("each refused service at its own path, with its near miss; approved ones and other rules' images pass", () => {
    const found = findingsOf(approved({ a: "bitnamii/redis:7.2", b: "bitnami/redis:7.2", c: "ngnix:1.27", d: "quay.io/org/app:1", e: "grafana/grafana:11" }), unapprovedImage);
    expect(found.map((f) => [f.path, f.message])).toEqual([
      ["environments.prod.services.a.image", `"bitnamii/redis:7.2": upstream repository "bitnamii/redis" is not in accounts.main.registry.pullThroughCache.dockerHub.allowedRepositories; did you mean "bitnami/*"?`],
      ["environments.prod.services.c.image", `"ngnix:1.27": upstream repository "library/ngnix" is not in accounts.main.registry.pullThroughCache.dockerHub.allowedRepositories; did you mean "library/nginx"?`],
      ["environments.prod.services.e.image", `"grafana/grafana:11": upstream repository "grafana/grafana" is not in accounts.main.registry.pullThroughCache.dockerHub.allowedRepositories`],
    ]);
  });

  test("pulled directly, an image skips the cache and its allowlist", () => {
    expect(findingsOf(approved({ web: "grafana/grafana:11" }, { pullDirect: true }), unapprovedImage)).toEqual([]);
  });
});
