/**
 * "did you mean" for an image's registry host: a typo of a supported upstream's host is named,
 * a real registry that merely looks like one (gcr.io, nvcr.io, lscr.io, icr.io) never is.
 */
import { parseImageReference } from "../../../core/images/reference";
import { rewriteThroughCache } from "../../../core/images/reference-rewrite";
import { nearUpstreamHost } from "../../../facts/upstream-registries";

describe("nearUpstreamHost", () => {
  it.each([
    ["ghrc.io", "ghcr.io"],
    ["gchr.io", "ghcr.io"],
    ["ghcr.oi", "ghcr.io"],
    ["ghcr.i", "ghcr.io"],
    ["GHRC.IO", "ghcr.io"],
    ["qauy.io", "quay.io"],
    ["quay.oi", "quay.io"],
    ["dokcer.io", "docker.io"],
    ["dockr.io", "docker.io"],
    ["index.dokcer.io", "index.docker.io"],
    ["registry1.docker.io", "registry-1.docker.io"],
    ["registry-1.docker.com", "registry-1.docker.io"],
    ["publc.ecr.aws", "public.ecr.aws"],
    ["public.erc.aws", "public.ecr.aws"],
    ["regsitry.k8s.io", "registry.k8s.io"],
    ["registry.k8.io", "registry.k8s.io"],
    ["registry.gitlab.co", "registry.gitlab.com"],
    ["registry.gitlba.com", "registry.gitlab.com"],
  ])("takes %s for %s", (typed, meant) => {
    expect(nearUpstreamHost(typed)).toEqual({ host: meant, withoutPort: false });
  });

  it("names a supported host written with a port", () => {
    expect(nearUpstreamHost("ghcr.io:443")).toEqual({ host: "ghcr.io", withoutPort: true });
    expect(nearUpstreamHost("quay.io:443")).toEqual({ host: "quay.io", withoutPort: true });
  });

  it.each([
    "gcr.io", // Google Container Registry: one edit from ghcr.io
    "us.gcr.io",
    "nvcr.io", // NVIDIA: two edits from ghcr.io
    "lscr.io", // LinuxServer: two edits from ghcr.io
    "icr.io", // IBM Cloud
    "us.icr.io",
    "ocir.io",
    "mcr.microsoft.com",
    "cgr.dev",
    "dhi.io",
    "docker.elastic.co",
    "docker.com",
    "quay.example.com",
    "registry.example.com",
    "registry.example.com:5000",
    "registry.k8s.local",
    "registry.gitlab.cn",
    "k8s.gcr.io",
    "localhost:5000",
    "ghcr.io", // supported as written: nothing to correct
    "docker.io",
  ])("leaves %s alone", (host) => {
    expect(nearUpstreamHost(host)).toBeUndefined();
  });
});

describe("the unsupported-registry error", () => {
  const rewrite = (image: string) => {
    const parsed = parseImageReference(image);
    if (!parsed.ok) throw new Error(parsed.error);
    return rewriteThroughCache(parsed.ref, [{ kind: "ghcr", prefix: "ghcr" }], { account: "111111111111", region: "us-east-1" });
  };

  it("asks whether a near miss meant the supported host", () => {
    expect(rewrite("ghrc.io/example-org/worker:v2.4.1")).toEqual({
      ok: false,
      error: "registry ghrc.io cannot be cached by ECR pull-through cache; did you mean ghcr.io? Otherwise mirror the image into ECR or use a supported upstream",
    });
    expect(rewrite("ghcr.io:443/example-org/worker:v2.4.1")).toEqual({
      ok: false,
      error: "registry ghcr.io:443 cannot be cached by ECR pull-through cache; did you mean ghcr.io (no port)? Otherwise mirror the image into ECR or use a supported upstream",
    });
  });

  it("says nothing more for a real registry that looks like one", () => {
    expect(rewrite("nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04")).toEqual({
      ok: false,
      error: "registry nvcr.io cannot be cached by ECR pull-through cache; mirror the image into ECR or use a supported upstream",
    });
  });
});
