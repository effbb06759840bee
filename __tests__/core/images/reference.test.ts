import { ImageReference, ParseResult, formatImageReference, parseImageReference, tagAndDigestSuffix, withoutTagAndDigest } from "../../../core/images/reference";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
const ECR_HOST = "111122223333.dkr.ecr.us-east-1.amazonaws.com";

const ok = (registry: string, repository: string, tag?: string, digest?: string): ParseResult => ({
  ok: true,
  ref: { registry, repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) },
});
const err = (error: string): ParseResult => ({ ok: false, error });

const E = {
  empty: "image reference must not be empty",
  whitespace: "image reference must not contain whitespace",
  scheme: "image reference must not include a scheme such as https://",
  twoAts: "image reference must contain at most one '@'",
  digest: "digest must be sha256: followed by 64 hex characters",
  emptyTag: "tag must not be empty",
  longTag: "tag must be at most 128 characters",
  badTag: "tag must start with a letter, digit or '_' and contain only letters, digits, '_', '.' and '-'",
  emptyRepo: "repository must not be empty",
  leadingSlash: "repository must not start with '/'",
  trailingSlash: "repository must not end with '/'",
  doubleSlash: "repository must not contain '//'",
  host: "registry host must be a hostname with an optional numeric port",
  uppercase: "repository must be lowercase",
  component: "repository path components must be lowercase letters and digits separated by '.', '_', '__' or '-'",
  tooLong: "repository name must be at most 255 characters including the registry",
};

describe("parseImageReference", () => {
  test.each<[string, ParseResult]>([
    // Docker Hub, every spelling
    ["nginx:1.27.3", ok("docker.io", "library/nginx", "1.27.3")],
    ["library/nginx:1.27.3", ok("docker.io", "library/nginx", "1.27.3")],
    ["docker.io/nginx:1.27", ok("docker.io", "library/nginx", "1.27")],
    ["docker.io/library/nginx:1.27", ok("docker.io", "library/nginx", "1.27")],
    ["docker.io/bitnami/redis:7.2", ok("docker.io", "bitnami/redis", "7.2")],
    ["index.docker.io/nginx:1.27", ok("docker.io", "library/nginx", "1.27")],
    ["index.docker.io/bitnami/redis:7.2", ok("docker.io", "bitnami/redis", "7.2")],
    ["registry-1.docker.io/nginx:1.27", ok("docker.io", "library/nginx", "1.27")],
    ["registry-1.docker.io/grafana/grafana:11.2.0", ok("docker.io", "grafana/grafana", "11.2.0")],
    ["Docker.IO/nginx:1.27", ok("docker.io", "library/nginx", "1.27")],
    ["bitnami/redis:7.2", ok("docker.io", "bitnami/redis", "7.2")],
    ["nginx", ok("docker.io", "library/nginx")],
    ["nginx:latest", ok("docker.io", "library/nginx", "latest")],
    ["my_org/my__app:v1", ok("docker.io", "my_org/my__app", "v1")],
    ["my-org/app--x.y:1", ok("docker.io", "my-org/app--x.y", "1")],
    // A single component is never a host, even with "." or ":" (Docker treats it the same way).
    ["localhost:5000", ok("docker.io", "library/localhost", "5000")],
    ["localhost/app:1", ok("localhost", "app", "1")],
    // Other registries
    ["ghcr.io/org/app:v1", ok("ghcr.io", "org/app", "v1")],
    ["ghcr.io/org/team/app:v1", ok("ghcr.io", "org/team/app", "v1")],
    ["GHCR.io/org/app:v1", ok("ghcr.io", "org/app", "v1")],
    ["quay.io/prometheus/node-exporter:v1.8.2", ok("quay.io", "prometheus/node-exporter", "v1.8.2")],
    ["public.ecr.aws/docker/library/redis:7", ok("public.ecr.aws", "docker/library/redis", "7")],
    ["registry.k8s.io/pause:3.9", ok("registry.k8s.io", "pause", "3.9")],
    ["registry.gitlab.com/group/sub/app:1.0", ok("registry.gitlab.com", "group/sub/app", "1.0")],
    ["myreg.azurecr.io/team/app:2", ok("myreg.azurecr.io", "team/app", "2")],
    [`${ECR_HOST}/app@${DIGEST}`, ok(ECR_HOST, "app", undefined, DIGEST)],
    [`${ECR_HOST}/team/app:1.4.0`, ok(ECR_HOST, "team/app", "1.4.0")],
    ["localhost:5000/app:1", ok("localhost:5000", "app", "1")],
    ["registry.example.com:5000/ns/app:1", ok("registry.example.com:5000", "ns/app", "1")],
    ["ghcr.io/org/app", ok("ghcr.io", "org/app")],
    // Tags and digests
    [`nginx:1.27@${DIGEST}`, ok("docker.io", "library/nginx", "1.27", DIGEST)],
    [`nginx@${DIGEST}`, ok("docker.io", "library/nginx", undefined, DIGEST)],
    [`quay.io/org/app:v1@${DIGEST}`, ok("quay.io", "org/app", "v1", DIGEST)],
    ["nginx:_Build-1.2_RC", ok("docker.io", "library/nginx", "_Build-1.2_RC")],
    [`nginx:${"a".repeat(128)}`, ok("docker.io", "library/nginx", "a".repeat(128))],
    // Malformed
    ["", err(E.empty)],
    ["   ", err(E.whitespace)],
    ["nginx :1.27", err(E.whitespace)],
    ["nginx:1.27\n", err(E.whitespace)],
    ["https://ghcr.io/org/app:v1", err(E.scheme)],
    ["Nginx:1.27", err(E.uppercase)],
    ["ghcr.io/Org/app:v1", err(E.uppercase)],
    ["MyOrg/app:1", err(E.uppercase)],
    ["nginx:", err(E.emptyTag)],
    ["nginx:1.27@", err(E.digest)],
    ["nginx@sha256:abc123", err(E.digest)],
    [`nginx@sha256:${"0123456789ABCDEF".repeat(4)}`, err(E.digest)],
    [`nginx@sha512:${"ab".repeat(64)}`, err(E.digest)],
    [`nginx@sha256:${"a".repeat(65)}`, err(E.digest)],
    [`nginx@${DIGEST}@${DIGEST}`, err(E.twoAts)],
    ["ghcr.io//app:1", err(E.doubleSlash)],
    ["org//app:1", err(E.doubleSlash)],
    ["/nginx:1.27", err(E.leadingSlash)],
    ["nginx/:1.27", err(E.trailingSlash)],
    ["ghcr.io/", err(E.trailingSlash)],
    [`nginx:${"a".repeat(129)}`, err(E.longTag)],
    ["nginx:.hidden", err(E.badTag)],
    ["nginx:-rc1", err(E.badTag)],
    ["nginx:1+build", err(E.badTag)],
    [":1.0", err(E.emptyRepo)],
    [`@${DIGEST}`, err(E.emptyRepo)],
    ["org/-app:1", err(E.component)],
    ["org/app.:1", err(E.component)],
    ["org/a!pp:1", err(E.component)],
    ["-bad-.example.com/app:1", err(E.host)],
    ["registry.example.com:http/app:1", err(E.host)],
    [`ghcr.io/${"a".repeat(248)}`, err(E.tooLong)],
  ])("%j", (input, expected) => {
    expect(parseImageReference(input)).toStrictEqual(expected);
  });

  test("the 255-character limit counts the registry (boundary is inclusive)", () => {
    // "ghcr.io/" is 8 characters, so 247 more is exactly 255.
    expect(parseImageReference(`ghcr.io/${"a".repeat(247)}`).ok).toBe(true);
    expect(parseImageReference(`ghcr.io/${"a".repeat(248)}`).ok).toBe(false);
    // Docker Hub short names are measured after normalization to "docker.io/library/...".
    expect(parseImageReference("a".repeat(237)).ok).toBe(true);
    expect(parseImageReference("a".repeat(238)).ok).toBe(false);
  });
});

describe("formatImageReference", () => {
  test.each([
    ["nginx:1.27", "docker.io/library/nginx:1.27"],
    ["index.docker.io/bitnami/redis:7.2", "docker.io/bitnami/redis:7.2"],
    [`nginx:1.27@${DIGEST}`, `docker.io/library/nginx:1.27@${DIGEST}`],
    [`ghcr.io/org/app@${DIGEST}`, `ghcr.io/org/app@${DIGEST}`],
    ["localhost:5000/app", "localhost:5000/app"],
  ])("%s -> %s, and the canonical form parses back to the same reference", (input, canonical) => {
    const parsed = parseImageReference(input);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(formatImageReference(parsed.ref)).toBe(canonical);
    expect(parseImageReference(canonical)).toStrictEqual(parsed);
  });
});

describe("tagAndDigestSuffix", () => {
  test.each<[Pick<ImageReference, "tag" | "digest">, string]>([
    [{ tag: "1.27" }, ":1.27"],
    [{ digest: DIGEST }, `@${DIGEST}`],
    [{ tag: "1.27", digest: DIGEST }, `:1.27@${DIGEST}`],
    [{}, ""],
  ])("%j -> %s", (ref, suffix) => {
    expect(tagAndDigestSuffix(ref)).toBe(suffix);
  });
});

describe("withoutTagAndDigest", () => {
  test.each([
    ["111122223333.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx:1.27", "111122223333.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/nginx"],
    [`ghcr.io/org/app:v1@${DIGEST}`, "ghcr.io/org/app"],
    [`ghcr.io/org/app@${DIGEST}`, "ghcr.io/org/app"],
    // A registry port is not a tag.
    ["localhost:5000/app", "localhost:5000/app"],
    ["localhost:5000/app:2", "localhost:5000/app"],
    ["nginx", "nginx"],
  ])("%s -> %s", (image, bare) => {
    expect(withoutTagAndDigest(image)).toBe(bare);
  });
});
