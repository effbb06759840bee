/**
 * Images as the planner resolves them for a service (no cdktf): the pull-through-cache and
 * own-registry routes, digests, direct Docker Hub pulls and the image tag variable.
 * Facts: docs/aws-facts.md.
 */
import { isAllowed } from "../../../core/iam/evaluation";
import { byRule, DIGEST, HOST, input, REGION, repoArn, role, service } from "../../helpers/environment-plan";
import { A, errors, plan } from "../../helpers/registry-config";

describe("image rewriting", () => {
  const images = plan(
    input({
      web: { image: "nginx:1.27.3", desiredCount: 2 },
      redis: { image: "bitnami/redis:7.2", desiredCount: 1 },
      hub: { image: "docker.io/library/httpd:2.4.62", desiredCount: 1 },
      fluent: { image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4", desiredCount: 1 },
      exporter: { image: "quay.io/prometheus/node-exporter:v1.8.2", desiredCount: 1 },
      worker: { image: "ghcr.io/example-org/worker:v2.4.1", desiredCount: 1 },
      orders: { image: `${HOST}/orders:3f9c2d1`, desiredCount: 1 },
      billing: { image: `${A}.dkr.ecr.us-west-2.amazonaws.com/team/billing:1.0.0`, desiredCount: 1 },
    }),
  );

  it("plans without findings", () => {
    expect(images.findings).toEqual([]);
  });

  it.each([
    ["web", `${HOST}/ecr-public/docker/library/nginx`, "1.27.3", "pull-through-cache"],
    ["redis", `${HOST}/docker-hub/bitnami/redis`, "7.2", "pull-through-cache"],
    ["hub", `${HOST}/ecr-public/docker/library/httpd`, "2.4.62", "pull-through-cache"],
    ["fluent", `${HOST}/ecr-public/aws-observability/aws-for-fluent-bit`, "2.32.4", "pull-through-cache"],
    ["exporter", `${HOST}/quay/prometheus/node-exporter`, "v1.8.2", "pull-through-cache"],
    ["worker", `${HOST}/ghcr/example-org/worker`, "v2.4.1", "pull-through-cache"],
    ["orders", `${HOST}/orders`, "3f9c2d1", "own-registry"],
    ["billing", `${HOST}/${A}-us-west-2/team/billing`, "1.0.0", "pull-through-cache"],
  ])("resolves %s to %s:%s (%s)", (name, uri, tag, route) => {
    const image = service(images, name).containers[0]!.image;
    expect(image.repositoryUri).toBe(uri);
    expect(image.tag).toBe(tag);
    expect(image.digest).toBeUndefined();
    expect(image.route).toBe(route);
    expect(image.repositoryArn).toBe(repoArn(uri.slice(HOST.length + 1)));
    // Docker Hub images through the cache say whether the import spends a Docker Hub pull (redis) or the mirror saves it (web, hub).
    const dockerHubCache = name === "redis" ? { dockerHubCache: "docker-hub" } : name === "web" || name === "hub" ? { dockerHubCache: "official-mirror" } : {};
    expect(image.pull).toEqual({ source: "ecr", layers: 10, registryPath: `${uri}:${tag}`, ...dockerHubCache });
  });

  it("never puts library/ on a non-official Docker Hub image", () => {
    expect(service(images, "redis").containers[0]!.image.repositoryUri).not.toContain("library");
  });

  it("caches an own image pushed to another Region through an ECR-to-ECR rule, with no replication", () => {
    const source = images.registries.find((r) => r.region === "us-west-2")!;
    expect(source.replicationRules).toEqual([]);
    const target = images.registries.find((r) => r.region === REGION)!;
    // Same account: ECR's service-linked role reads the upstream, so no custom role.
    expect(target.cacheRules.find((r) => r.kind === "ecr")).toEqual({
      kind: "ecr",
      prefix: `${A}-us-west-2`,
      upstreamAccount: A,
      upstreamRegion: "us-west-2",
      upstreamRegistryUrl: `${A}.dkr.ecr.us-west-2.amazonaws.com`,
      configPath: "accounts.main.registry.ownImages",
    });
    expect(target.upstreamRole).toBeUndefined();
  });

  it("carries a digest through the cache and warns PG-DIGEST-THROUGH-CACHE", () => {
    const p = plan(
      input({
        web: { image: `nginx@${DIGEST}`, desiredCount: 2 },
        api: { image: `nginx:1.27.3@${DIGEST}`, desiredCount: 2, sidecars: { proxy: { image: `public.ecr.aws/nginx/nginx@${DIGEST}` } } },
        orders: { image: `${HOST}/orders@${DIGEST}`, desiredCount: 2 },
      }),
    );
    expect(errors(p)).toEqual([]);
    const web = service(p, "web").containers[0]!.image;
    expect(web).toMatchObject({ repositoryUri: `${HOST}/ecr-public/docker/library/nginx`, digest: DIGEST, route: "pull-through-cache" });
    expect(web.tag).toBeUndefined();
    expect(web.pull.registryPath).toBe(`${HOST}/ecr-public/docker/library/nginx@${DIGEST}`);
    const hits = byRule(p, "PG-DIGEST-THROUGH-CACHE");
    expect(hits.map((f) => [f.level, f.path])).toEqual([
      ["warning", "environments.prod.services.api.image"],
      ["warning", "environments.prod.services.api.sidecars.proxy.image"],
      ["warning", "environments.prod.services.web.image"],
    ]);
    // Own images by digest are fine: no cache import involved.
    expect(hits.some((f) => f.path.includes("orders"))).toBe(false);
  });

  it("refuses a direct Docker Hub pull with PG-DOCKER-HUB-DIRECT", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2, pullDirect: true } }));
    expect(errors(p)).toEqual([
      expect.objectContaining({ rule: "PG-DOCKER-HUB-DIRECT", path: "environments.prod.services.web.pullDirect", stack: "prod" }),
    ]);
  });

  it("allows a direct Docker Hub pull when pullBudget.allowDockerHubDirect is set", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2, pullDirect: true } }, {}, { pullBudget: { allowDockerHubDirect: true } }));
    expect(errors(p)).toEqual([]);
    const image = service(p, "web").containers[0]!.image;
    expect(image).toMatchObject({ route: "direct", repositoryUri: "docker.io/library/nginx" });
    expect(image.repositoryArn).toBeUndefined();
    expect(image.pull).toMatchObject({ source: "docker-hub-direct", dockerHubAuth: "anonymous" });
    // Nothing comes from ECR: the role gets no ECR permission at all.
    const policy = role(p, "pullguard--prod--web-exec").policy;
    expect(isAllowed(policy, "ecr:GetAuthorizationToken", "*")).toBe(false);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["WriteContainerLogs"]);
  });

  it("still refuses a direct Docker Hub rollout above the 6-hour limit when direct pulls are allowed", () => {
    // 101 anonymous pulls behind one NAT IP: Docker Hub allows 100 per 6 hours per IP.
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 101, pullDirect: true } }, {}, { pullBudget: { allowDockerHubDirect: true } }));
    expect(errors(p).map((f) => f.rule)).toEqual(["PG-DOCKER-HUB-LIMIT"]);
    const within = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 100, pullDirect: true } }, {}, { pullBudget: { allowDockerHubDirect: true } }));
    expect(errors(within)).toEqual([]);
  });

  it("turns imageTagVariable into a Terraform variable named after the service", () => {
    const p = plan(
      input({
        "order-api": { image: `${HOST}/orders:3f9c2d1`, desiredCount: 2, imageTagVariable: true },
        web: { image: "nginx:1.27.3", desiredCount: 2, imageTagVariable: true, sidecars: { proxy: { image: "public.ecr.aws/nginx/nginx:1.27" } } },
        plain: { image: "nginx:1.27.3", desiredCount: 2 },
      }),
    );
    expect(errors(p)).toEqual([]);
    expect(service(p, "order-api").containers[0]!.tagVariable).toEqual({ name: "order_api_image_tag", default: "3f9c2d1" });
    expect(service(p, "web").containers[0]!.tagVariable).toEqual({ name: "web_image_tag", default: "1.27.3" });
    // Main container only.
    expect(service(p, "web").containers[1]!.tagVariable).toBeUndefined();
    expect(service(p, "plain").containers[0]!.tagVariable).toBeUndefined();
  });

  it.each([
    ["a digest-only image", `nginx@${DIGEST}`],
    ["an image with tag and digest", `nginx:1.27.3@${DIGEST}`],
  ])("refuses imageTagVariable with %s", (_what, image) => {
    const p = plan(input({ web: { image, desiredCount: 2, imageTagVariable: true } }));
    expect(errors(p)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.imageTagVariable",
        rule: "PG-IMAGE-TAG-VARIABLE",
        message: "needs an image written with a tag and no digest: the tag is the variable's default",
        stack: "prod",
      },
    ]);
    // The plan records the request and varies nothing; the error stops synth.
    expect(service(p, "web").containers[0]!.imageTagVariable).toBe(true);
    expect(service(p, "web").containers[0]!.tagVariable).toBeUndefined();
  });

  it.each([
    ["no tag", "nginx", 'has no tag'],
    [":latest", "nginx:latest", "uses :latest"],
  ])("refuses an image with %s", (_what, image, message) => {
    const p = plan(input({ web: { image, desiredCount: 2 } }));
    expect(errors(p)).toEqual([expect.objectContaining({ path: "environments.prod.services.web.image", message: expect.stringContaining(message) })]);
  });

  it("refuses an upstream without a cache rule, naming the config key to enable", () => {
    const p = plan(input({ web: { image: "registry.k8s.io/pause:3.10", desiredCount: 2 } }));
    expect(errors(p)).toEqual([expect.objectContaining({ path: "environments.prod.services.web.image", message: expect.stringContaining("enable pullThroughCache.k8s") })]);
  });
});
