/**
 * Image resolution (core/images/images.ts) called directly: each route, its repository URI and ARN, the
 * path the pull budget counts, and the image string a task definition carries. Expected values are
 * written out by hand from the ECR host and ARN formats (docs/aws-facts.md).
 */
import { FindingLog } from "../../../core/model/findings";
import type { CacheRuleView } from "../../../core/model/image-types";
import { imageString, resolveImage } from "../../../core/images/images";
import type { ImageContext } from "../../../core/model/location-context";
import type { ContainerImagePlan } from "../../../core/model/plan-types";

const DIGEST = `sha256:${"ab".repeat(32)}`;
const HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
const RULES: readonly CacheRuleView[] = [
  { kind: "docker-hub", prefix: "docker-hub" },
  { kind: "ecr", prefix: "from-shared", upstreamAccount: "444455556666", upstreamRegion: "us-east-1" },
];

function resolve(image: string, extra: { pullDirect?: boolean; declared?: string[] } = {}) {
  const log = new FindingLog();
  const replicated: string[] = [];
  const ctx: ImageContext = {
    target: { account: "123456789012", region: "eu-west-1" },
    cacheRules: RULES,
    declaredAccounts: new Set(["123456789012", ...(extra.declared ?? [])]),
    log,
    stack: "prod",
    needsReplication: (source, repository) => replicated.push(`${source.account}/${source.region}/${repository}`),
  };
  const plan = resolveImage({ image, imageLayers: 7, pullDirect: extra.pullDirect ?? false }, "environments.prod.services.web.image", ctx);
  return { plan, findings: log.list(), replicated };
}

describe("resolveImage", () => {
  test("an upstream image goes through the cache rule, tag and digest kept", () => {
    expect(resolve(`nginx:1.27@${DIGEST}`).plan).toEqual({
      written: `nginx:1.27@${DIGEST}`,
      repositoryUri: `${HOST}/docker-hub/library/nginx`,
      tag: "1.27",
      digest: DIGEST,
      route: "pull-through-cache",
      cache: { upstream: "docker-hub", officialMirror: false, upstreamRepository: "library/nginx" },
      repositoryArn: "arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/library/nginx",
      pull: { source: "ecr", layers: 7, registryPath: `${HOST}/docker-hub/library/nginx:1.27@${DIGEST}`, dockerHubCache: "docker-hub" },
    });
  });

  test("an image in the cluster's own registry is pulled from there", () => {
    expect(resolve(`${HOST}/orders:3f9c2d1`).plan).toMatchObject({ route: "own-registry", repositoryUri: `${HOST}/orders`, repositoryArn: "arn:aws:ecr:eu-west-1:123456789012:repository/orders" });
  });

  test("an image pushed to another declared registry is replicated here unless a cache rule fronts it", () => {
    const elsewhere = resolve("123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1");
    expect(elsewhere.plan).toMatchObject({ route: "replicated", repositoryUri: `${HOST}/orders`, pull: { registryPath: `${HOST}/orders:1` } });
    expect(elsewhere.replicated).toEqual(["123456789012/us-east-1/orders"]);
    const cached = resolve("444455556666.dkr.ecr.us-east-1.amazonaws.com/team/app:2", { declared: ["444455556666"] });
    expect(cached.plan).toMatchObject({ route: "pull-through-cache", repositoryUri: `${HOST}/from-shared/team/app` });
    expect(cached.replicated).toEqual([]);
  });

  test("pullDirect keeps the upstream path, with no ECR ARN for a non-ECR registry", () => {
    expect(resolve("quay.io/org/app:1", { pullDirect: true }).plan).toEqual({
      written: "quay.io/org/app:1",
      repositoryUri: "quay.io/org/app",
      tag: "1",
      route: "direct",
      pull: { source: "other-direct", layers: 7, registryPath: "quay.io/org/app:1" },
    });
    expect(resolve("nginx:1.27", { pullDirect: true }).plan?.pull).toEqual({ source: "docker-hub-direct", layers: 7, registryPath: "docker.io/library/nginx:1.27", dockerHubAuth: "anonymous" });
  });

  // PG-IMAGE-UNTAGGED and PG-IMAGE-LATEST judge the planned tag (__tests__/rules/image-reference.test.ts).
  test.each([
    ["nginx", undefined, "library/nginx"],
    ["nginx:latest", "latest", "library/nginx"],
    ["ngnix:LATEST", "LATEST", "library/ngnix"],
  ])("%s is planned as written, its tag (%s) left to the rules, with no finding while planning", (image, tag, upstreamRepository) => {
    const { plan, findings } = resolve(image);
    expect(plan?.tag).toBe(tag);
    expect(plan?.cache).toEqual({ upstream: "docker-hub", officialMirror: false, upstreamRepository });
    expect(findings).toEqual([]);
  });

  test.each([
    ["NGINX:1", "PG-IMAGE-INVALID", `"NGINX:1" is not a valid image reference: repository must be lowercase`],
    ["quay.io/org/app:1", "PG-IMAGE-REWRITE", `"quay.io/org/app:1": no pull-through cache rule for Quay (quay.io); enable pullThroughCache.quay`],
    ["gcr.io/distroless/static:nonroot", "PG-IMAGE-REWRITE", `"gcr.io/distroless/static:nonroot": registry gcr.io cannot be cached by ECR pull-through cache; mirror the image into ECR or use a supported upstream; or set pullDirect: true to pull it from there (outside the pull budget's protection)`],
  ])("%s is refused at its config path, as %s", (image, rule, message) => {
    const { plan, findings } = resolve(image);
    expect(plan).toBeUndefined();
    expect(findings).toEqual([{ level: "error", path: "environments.prod.services.web.image", message, stack: "prod", rule }]);
  });
});

describe("imageString", () => {
  const image = (tag?: string, digest?: string): ContainerImagePlan => ({
    written: "x",
    repositoryUri: `${HOST}/docker-hub/library/nginx`,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
    route: "pull-through-cache",
    pull: { source: "ecr", registryPath: "x" },
  });

  test.each<[string | undefined, string | undefined, string | undefined, string]>([
    ["1.27", undefined, undefined, `${HOST}/docker-hub/library/nginx:1.27`],
    ["1.27", DIGEST, undefined, `${HOST}/docker-hub/library/nginx:1.27@${DIGEST}`],
    [undefined, DIGEST, undefined, `${HOST}/docker-hub/library/nginx@${DIGEST}`],
    ["1.27", undefined, "${var.web_image_tag}", `${HOST}/docker-hub/library/nginx:\${var.web_image_tag}`],
  ])("tag %s, digest %s, override %s -> %s", (tag, digest, override, expected) => {
    expect(imageString(image(tag, digest), override)).toBe(expected);
  });
});
