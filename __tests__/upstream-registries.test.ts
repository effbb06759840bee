import { RegistryClass, UpstreamKind, classifyRegistry, upstreamDisplayName } from "../core/upstream-registries";

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
    // Recognised so that the Region check refuses China by name (core/images.ts).
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
    ["azure", "Azure Container Registry"],
    ["ecr", "ECR (cross-account/region)"],
  ])("%s is called %s", (kind, name) => {
    expect(upstreamDisplayName(kind)).toBe(name);
  });
});
