import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import {
  ECR_REGISTRY_HOST_SOURCE,
  FIXED_HOST_UPSTREAMS,
  FIXED_UPSTREAM_HOSTS_SOURCE,
  RegistryClass,
  UPSTREAM_REGISTRIES,
  UpstreamKind,
  classifyRegistry,
  ecrRegistriesIn,
  upstreamDisplayName,
} from "../../facts/upstream-registries";

const ECR_HOST = "111122223333.dkr.ecr.us-east-1.amazonaws.com";

describe("classifyRegistry", () => {
  test.each<[string, RegistryClass]>([
    ["docker.io", { kind: "docker-hub" }],
    ["index.docker.io", { kind: "docker-hub" }],
    ["registry-1.docker.io", { kind: "docker-hub" }],
    ["public.ecr.aws", { kind: "ecr-public" }],
    ["quay.io", { kind: "quay" }],
    ["registry.k8s.io", { kind: "k8s" }],
    ["ghcr.io", { kind: "ghcr" }],
    ["GHCR.IO", { kind: "ghcr" }],
    ["registry.gitlab.com", { kind: "gitlab" }],
    ["cgr.dev", { kind: "chainguard" }],
    ["CGR.dev", { kind: "chainguard" }],
    ["myreg.azurecr.io", { kind: "azure", registryName: "myreg" }],
    ["MyReg2.AzureCR.io", { kind: "azure", registryName: "myreg2" }],
    [ECR_HOST, { kind: "ecr", account: "111122223333", region: "us-east-1" }],
    ["444455556666.dkr.ecr.ap-southeast-2.amazonaws.com", { kind: "ecr", account: "444455556666", region: "ap-southeast-2" }],
    // Near misses
    ["k8s.gcr.io", { kind: "unsupported" }],
    ["gcr.io", { kind: "unsupported" }],
    ["gitlab.example.com", { kind: "unsupported" }],
    ["abcd.azurecr.io", { kind: "unsupported" }], // Azure names are at least 5 characters
    ["my-reg.azurecr.io", { kind: "unsupported" }],
    ["11112222333.dkr.ecr.us-east-1.amazonaws.com", { kind: "unsupported" }], // 11-digit account
    // Recognised so that the Region check refuses China by name (core/images/images.ts).
    ["111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn", { kind: "ecr", account: "111122223333", region: "cn-north-1" }],
    ["111122223333.dkr.ecr-fips.us-east-1.amazonaws.com", { kind: "unsupported" }],
    ["ghcr.io:443", { kind: "unsupported" }],
    ["localhost:5000", { kind: "unsupported" }],
    ["registry.example.com:5000", { kind: "unsupported" }],
  ])("%s", (registry, expected) => {
    expect(classifyRegistry(registry)).toStrictEqual(expected);
  });
});

describe("upstreamDisplayName", () => {
  test.each<[UpstreamKind, string]>([
    ["docker-hub", "Docker Hub"],
    ["ecr-public", "ECR Public"],
    ["quay", "Quay"],
    ["k8s", "registry.k8s.io"],
    ["ghcr", "GitHub Container Registry"],
    ["gitlab", "GitLab Container Registry"],
    ["chainguard", "Chainguard Registry"],
    ["azure", "Azure Container Registry"],
    ["ecr", "ECR (cross-account/region)"],
  ])("%s is called %s", (kind, name) => {
    expect(upstreamDisplayName(kind)).toBe(name);
  });
});

describe("the upstream table", () => {
  // docs/aws-facts.md, "ECR pull-through cache": upstream registry URLs and which need a credential.
  test("fixed-host upstreams: kind, config key, CreatePullThroughCacheRule URL, credential, default prefix", () => {
    expect(FIXED_HOST_UPSTREAMS.map((u) => [u.kind, u.configKey, u.upstreamRegistryUrl, u.needsCredential, u.defaultPrefix])).toEqual([
      ["docker-hub", "dockerHub", "registry-1.docker.io", true, "docker-hub"],
      ["ecr-public", "ecrPublic", "public.ecr.aws", false, "ecr-public"],
      ["quay", "quay", "quay.io", false, "quay"],
      ["k8s", "k8s", "registry.k8s.io", false, "k8s"],
      ["ghcr", "ghcr", "ghcr.io", true, "ghcr"],
      ["gitlab", "gitlab", "registry.gitlab.com", true, "gitlab"],
      ["chainguard", "chainguard", "cgr.dev", true, "chainguard"],
    ]);
  });

  test("per-registry upstreams have no default prefix: Azure needs a credential, ECR-to-ECR a role", () => {
    expect(UPSTREAM_REGISTRIES.filter((u) => !("defaultPrefix" in u)).map((u) => [u.kind, u.configKey, u.needsCredential])).toEqual([
      ["azure", "azure", true],
      ["ecr", "ecr", false],
    ]);
  });

  test("each upstream URL is one of its own hosts, and no host belongs to two upstreams", () => {
    for (const u of FIXED_HOST_UPSTREAMS) expect(u.hosts).toContain(u.upstreamRegistryUrl);
    const hosts = FIXED_HOST_UPSTREAMS.flatMap((u) => u.hosts);
    expect(new Set(hosts).size).toBe(hosts.length);
    expect(hosts).toHaveLength(9);
  });

  describe("agrees with the config schema (config/schema.ts keeps its own field per upstream)", () => {
    const withCache = (pullThroughCache: unknown): PlatformConfigInput =>
      ({
        accounts: { main: { id: "111111111111", registry: { pullThroughCache } } },
        environments: {
          prod: {
            account: "main",
            regions: { "us-east-1": { vpc: { id: "vpc-00000001", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-00000001"], privateRouteTableIds: ["rtb-00000001"] } } },
            services: { web: { image: "nginx:1.27.3", desiredCount: 2 } },
          },
        },
      }) as PlatformConfigInput;

    test.each(FIXED_HOST_UPSTREAMS.map((u) => [u.configKey, u] as const))("pullThroughCache.%s: `true` only without a credential, default prefix from the table", (key, upstream) => {
      const bare = parseConfig(withCache({ [key]: true }));
      expect(bare.ok).toBe(!upstream.needsCredential);
      const withCredential = parseConfig(withCache({ [key]: upstream.needsCredential ? { credential: { source: "create" } } : {} }));
      if (!withCredential.ok) throw new Error(withCredential.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
      expect(withCredential.config.accounts.main!.registry!.pullThroughCache[key]).toMatchObject({ prefix: upstream.defaultPrefix });
    });
  });
});

describe("registry hosts in free text", () => {
  test("ecrRegistriesIn finds private registries in any partition's DNS suffix, in order", () => {
    const text = "pull 111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1 failed; retried 444455556666.dkr.ecr.us-gov-west-1.amazonaws.com/app:1.";
    expect(ecrRegistriesIn(text)).toEqual([
      { host: "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn", account: "111122223333", region: "cn-north-1" },
      { host: "444455556666.dkr.ecr.us-gov-west-1.amazonaws.com", account: "444455556666", region: "us-gov-west-1" },
    ]);
    expect(ecrRegistriesIn("dkr.ecr.us-east-1.amazonaws.com has no account")).toEqual([]);
  });

  test("the ECR host source is the one classifyRegistry anchors", () => {
    expect(new RegExp(`^${ECR_REGISTRY_HOST_SOURCE}$`).exec("111122223333.dkr.ecr.eu-west-1.amazonaws.com")?.slice(1)).toEqual(["111122223333", "eu-west-1"]);
  });

  test.each([
    ["docker.io", true],
    ["index.docker.io", true],
    ["registry-1.docker.io", true],
    ["public.ecr.aws", true],
    ["quay.io", true],
    ["registry.k8s.io", true],
    ["ghcr.io", true],
    ["registry.gitlab.com", true],
    ["quayxio", false], // dots are escaped
    ["gcr.io", false],
  ])("fixed upstream host pattern matches %s: %s", (host, matches) => {
    expect(new RegExp(`^(?:${FIXED_UPSTREAM_HOSTS_SOURCE})$`).test(host)).toBe(matches);
  });
});
