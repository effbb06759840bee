import { ecrRegistryHost } from "../../../facts/ecr";
import { ImageReference, parseImageReference } from "../../../core/images/reference";
import { rewriteThroughCache } from "../../../core/images/reference-rewrite";
import type { CacheRuleView } from "../../../core/model/image-types";
import type { UpstreamKind } from "../../../facts/upstream-registries";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const ECR_HOST = "111122223333.dkr.ecr.us-east-1.amazonaws.com";
const TARGET = { account: "123456789012", region: "eu-west-1" } as const;
const TARGET_HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";

test("ecrRegistryHost builds the private registry host", () => {
  expect(ecrRegistryHost("123456789012", "eu-west-1")).toBe(TARGET_HOST);
});

describe("rewriteThroughCache", () => {
  const rule = (kind: UpstreamKind, prefix: string, extra: Partial<CacheRuleView> = {}): CacheRuleView => ({ kind, prefix, ...extra });
  const RULES: readonly CacheRuleView[] = [
    rule("docker-hub", "docker-hub"),
    rule("ecr-public", "ecr-public"),
    rule("quay", "quay"),
    rule("k8s", "k8s"),
    rule("ghcr", "ghcr"),
    rule("gitlab", "gitlab"),
    rule("azure", "azure-myreg", { azureRegistryName: "myreg" }),
    rule("azure", "azure-other", { azureRegistryName: "otherreg" }),
  ];

  const parse = (input: string): ImageReference => {
    const parsed = parseImageReference(input);
    if (!parsed.ok) throw new Error(`test fixture does not parse: ${parsed.error}`);
    return parsed.ref;
  };

  test.each<[string, string, string]>([
    // [image, expected ECR repository, expected URI suffix after the registry host]
    ["nginx:1.27.3", "docker-hub/library/nginx", "docker-hub/library/nginx:1.27.3"],
    ["docker.io/library/nginx:1.27", "docker-hub/library/nginx", "docker-hub/library/nginx:1.27"],
    ["registry-1.docker.io/nginx:1.27", "docker-hub/library/nginx", "docker-hub/library/nginx:1.27"],
    ["bitnami/redis:7.2", "docker-hub/bitnami/redis", "docker-hub/bitnami/redis:7.2"],
    ["public.ecr.aws/docker/library/redis:7", "ecr-public/docker/library/redis", "ecr-public/docker/library/redis:7"],
    ["quay.io/prometheus/node-exporter:v1.8.2", "quay/prometheus/node-exporter", "quay/prometheus/node-exporter:v1.8.2"],
    ["registry.k8s.io/pause:3.9", "k8s/pause", "k8s/pause:3.9"],
    ["ghcr.io/org/team/app:v1", "ghcr/org/team/app", "ghcr/org/team/app:v1"],
    ["registry.gitlab.com/group/sub/app:1.0", "gitlab/group/sub/app", "gitlab/group/sub/app:1.0"],
    ["myreg.azurecr.io/team/app:2", "azure-myreg/team/app", "azure-myreg/team/app:2"],
    ["otherreg.azurecr.io/app:3", "azure-other/app", "azure-other/app:3"],
    [`nginx:1.27@${DIGEST}`, "docker-hub/library/nginx", `docker-hub/library/nginx:1.27@${DIGEST}`],
    [`ghcr.io/org/app@${DIGEST}`, "ghcr/org/app", `ghcr/org/app@${DIGEST}`],
  ])("%s -> %s", (image, repository, uriPath) => {
    const result = rewriteThroughCache(parse(image), RULES, TARGET);
    expect(result).toMatchObject({ ok: true, repository, uri: `${TARGET_HOST}/${uriPath}` });
  });

  test("returns the rule that matched", () => {
    const result = rewriteThroughCache(parse("myreg.azurecr.io/app:1"), RULES, TARGET);
    expect(result.ok && result.rule).toBe(RULES[6]);
  });

  test("custom prefixes, including nested ones, a tolerated trailing slash and ROOT", () => {
    const image = parse("nginx:1.27");
    const viaPrefix = (prefix: string) => rewriteThroughCache(image, [rule("docker-hub", prefix)], TARGET);
    expect(viaPrefix("mirror/dh")).toMatchObject({ ok: true, repository: "mirror/dh/library/nginx", uri: `${TARGET_HOST}/mirror/dh/library/nginx:1.27` });
    expect(viaPrefix("dh/")).toMatchObject({ ok: true, repository: "dh/library/nginx" });
    expect(viaPrefix("ROOT")).toMatchObject({ ok: true, repository: "library/nginx" });
  });

  test("hand-built Docker Hub references still get library/, and aliases are recognised", () => {
    const result = rewriteThroughCache({ registry: "index.docker.io", repository: "nginx", tag: "1.27" }, RULES, TARGET);
    expect(result).toMatchObject({ ok: true, repository: "docker-hub/library/nginx", uri: `${TARGET_HOST}/docker-hub/library/nginx:1.27` });
  });

  test("uses the target account and region for the URI", () => {
    const result = rewriteThroughCache(parse("quay.io/org/app:1"), RULES, { account: "999988887777", region: "ap-southeast-2" });
    expect(result).toMatchObject({ ok: true, uri: "999988887777.dkr.ecr.ap-southeast-2.amazonaws.com/quay/org/app:1" });
  });

  test.each<[string, UpstreamKind, string]>([
    ["nginx:1.27", "docker-hub", "no pull-through cache rule for Docker Hub (docker.io); enable pullThroughCache.dockerHub"],
    ["public.ecr.aws/docker/library/redis:7", "ecr-public", "no pull-through cache rule for ECR Public (public.ecr.aws); enable pullThroughCache.ecrPublic"],
    ["quay.io/org/app:1", "quay", "no pull-through cache rule for Quay (quay.io); enable pullThroughCache.quay"],
    ["registry.k8s.io/pause:3.9", "k8s", "no pull-through cache rule for registry.k8s.io (registry.k8s.io); enable pullThroughCache.k8s"],
    ["ghcr.io/org/app:v1", "ghcr", "no pull-through cache rule for GitHub Container Registry (ghcr.io); enable pullThroughCache.ghcr"],
    ["registry.gitlab.com/g/app:1", "gitlab", "no pull-through cache rule for GitLab Container Registry (registry.gitlab.com); enable pullThroughCache.gitlab"],
    ["myreg.azurecr.io/app:1", "azure", "no pull-through cache rule for Azure Container Registry (myreg.azurecr.io); enable pullThroughCache.azure"],
  ])("missing rule for %s names the upstream", (image, upstream, error) => {
    expect(rewriteThroughCache(parse(image), [], TARGET)).toStrictEqual({ ok: false, upstream, error });
  });

  test("an Azure rule for a different registry does not match", () => {
    const result = rewriteThroughCache(parse("thirdreg.azurecr.io/app:1"), RULES, TARGET);
    expect(result).toStrictEqual({
      ok: false,
      upstream: "azure",
      error: "no pull-through cache rule for Azure Container Registry (thirdreg.azurecr.io); enable pullThroughCache.azure",
    });
  });

  test.each([
    ["registry.example.com:5000/ns/app:1", "registry registry.example.com:5000 cannot be cached by ECR pull-through cache; mirror the image into ECR or use a supported upstream"],
    ["gcr.io/distroless/static:nonroot", "registry gcr.io cannot be cached by ECR pull-through cache; mirror the image into ECR or use a supported upstream"],
    ["k8s.gcr.io/pause:3.9", "registry k8s.gcr.io cannot be cached by ECR pull-through cache; it is the frozen legacy Kubernetes registry, use registry.k8s.io"],
  ])("unsupported registry %s", (image, error) => {
    expect(rewriteThroughCache(parse(image), RULES, TARGET)).toStrictEqual({ ok: false, error });
  });

  describe("ECR to ECR", () => {
    const plain = rule("ecr", "upstream-ecr", { upstreamAccount: "111122223333", upstreamRegion: "us-east-1" });
    const prefixed = rule("ecr", "prod-mirror", { upstreamAccount: "111122223333", upstreamRegion: "us-east-1", upstreamRepositoryPrefix: "prod" });
    const nested = rule("ecr", "prod-web", { upstreamAccount: "111122223333", upstreamRegion: "us-east-1", upstreamRepositoryPrefix: "prod/web" });

    test("without upstreamRepositoryPrefix the whole repository goes under the prefix", () => {
      const result = rewriteThroughCache(parse(`${ECR_HOST}/team/app:1.4.0`), [plain], TARGET);
      expect(result).toStrictEqual({
        ok: true,
        rule: plain,
        repository: "upstream-ecr/team/app",
        uri: `${TARGET_HOST}/upstream-ecr/team/app:1.4.0`,
        upstreamRepository: "team/app",
        officialMirror: false,
      });
    });

    test("with upstreamRepositoryPrefix the prefix is replaced, digest preserved", () => {
      const result = rewriteThroughCache(parse(`${ECR_HOST}/prod/app@${DIGEST}`), [prefixed], TARGET);
      expect(result).toMatchObject({ ok: true, rule: prefixed, repository: "prod-mirror/app", uri: `${TARGET_HOST}/prod-mirror/app@${DIGEST}` });
    });

    test("the most specific upstream prefix wins over a shorter one and over no prefix", () => {
      const rules = [plain, prefixed, nested];
      expect(rewriteThroughCache(parse(`${ECR_HOST}/prod/web/app:1`), rules, TARGET)).toMatchObject({ ok: true, rule: nested, repository: "prod-web/app" });
      expect(rewriteThroughCache(parse(`${ECR_HOST}/prod/api:1`), rules, TARGET)).toMatchObject({ ok: true, rule: prefixed, repository: "prod-mirror/api" });
      expect(rewriteThroughCache(parse(`${ECR_HOST}/dev/api:1`), rules, TARGET)).toMatchObject({ ok: true, rule: plain, repository: "upstream-ecr/dev/api" });
    });

    test("upstreamRepositoryPrefix ROOT means no upstream prefix", () => {
      const root = rule("ecr", "all", { upstreamAccount: "111122223333", upstreamRegion: "us-east-1", upstreamRepositoryPrefix: "ROOT" });
      expect(rewriteThroughCache(parse(`${ECR_HOST}/prod/app:1`), [root], TARGET)).toMatchObject({ ok: true, repository: "all/prod/app" });
    });

    test("a prefix must match whole path components", () => {
      const result = rewriteThroughCache(parse(`${ECR_HOST}/production/app:1`), [prefixed], TARGET);
      expect(result).toStrictEqual({
        ok: false,
        upstream: "ecr",
        error: `repository is outside the upstream repository prefix of every pull-through cache rule for ${ECR_HOST} (prod/)`,
      });
    });

    test.each([
      ["another account", "444455556666.dkr.ecr.us-east-1.amazonaws.com", "444455556666", "us-east-1"],
      ["another region", "111122223333.dkr.ecr.us-west-2.amazonaws.com", "111122223333", "us-west-2"],
    ])("a rule for %s does not match", (_label, host, account, region) => {
      expect(rewriteThroughCache(parse(`${host}/app:1`), [plain, ...RULES], TARGET)).toStrictEqual({
        ok: false,
        upstream: "ecr",
        error: `no pull-through cache rule for ECR (cross-account/region) (${host}); enable pullThroughCache.ecr with upstream account ${account} and region ${region}`,
      });
    });

    test("an image already in the target registry is refused without naming an upstream", () => {
      const self = rule("ecr", "self", { upstreamAccount: TARGET.account, upstreamRegion: TARGET.region });
      expect(rewriteThroughCache(parse(`${TARGET_HOST}/app:1`), [self], TARGET)).toStrictEqual({
        ok: false,
        error: `image is already in the target registry ${TARGET_HOST}; reference it directly, not through the pull-through cache`,
      });
    });
  });
});
