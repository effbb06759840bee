import { DOCKER_HUB_HOST, isDockerHubHost } from "../../facts/upstream-registries";
/**
 * Container image references: parsing and printing (Docker's distribution/reference grammar).
 * Which registry a reference names is facts/upstream-registries.ts; where ECR caches it is
 * core/images/reference-rewrite.ts.
 *
 * Pure functions only: no cdktf, no I/O, so config validation and the stacks share one
 * definition of "which image is this".
 */

export interface ImageReference {
  /** Registry host as written/normalized: "docker.io" for every Docker Hub spelling (none, docker.io, index.docker.io, registry-1.docker.io); may include a port ("registry.example.com:5000"). Lowercased. */
  readonly registry: string;
  /** Repository path inside the registry. Docker Hub official images get "library/" ("nginx" -> "library/nginx"). */
  readonly repository: string;
  readonly tag?: string;
  /** "sha256:<64 lowercase hex>" */
  readonly digest?: string;
}

export type ParseResult = { readonly ok: true; readonly ref: ImageReference } | { readonly ok: false; readonly error: string };

// --- Grammar (github.com/distribution/reference, regexp.go) --------------------------------

/** Docker Hub's namespace for official images; the cache path must keep it (aws-facts.md). */
export const OFFICIAL_NAMESPACE = "library";

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const DOMAIN_LABEL = "(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])";
// IPv6 literals ("[::1]:5000") are deliberately not accepted: no ECS image worth caching lives there.
const REGISTRY_HOST = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*(?::[0-9]+)?$`);
const TAG_MAX_LENGTH = 128;
const TAG = /^\w[\w.-]*$/;
// Only sha256: it is the only algorithm registries emit for manifests, so anything else is a typo.
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const NAME_MAX_LENGTH = 255;

// --- Parsing ---------------------------------------------------------------------------------

const fail = (error: string): ParseResult => ({ ok: false, error });

export function parseImageReference(input: string): ParseResult {
  if (input.length === 0) return fail("image reference must not be empty");
  if (/\s/.test(input)) return fail("image reference must not contain whitespace");
  // ECS passes the string to the container runtime verbatim; a URL would fail at pull time.
  if (input.includes("://")) return fail("image reference must not include a scheme such as https://");

  // The digest is split off first because a digest contains ":" and would look like a tag.
  const [nameAndTag, digest, ...extra] = input.split("@");
  if (extra.length > 0) return fail("image reference must contain at most one '@'");
  if (digest !== undefined && !DIGEST.test(digest)) return fail("digest must be sha256: followed by 64 hex characters");

  // A ":" only starts a tag after the last "/"; before that it is a registry port (localhost:5000/app).
  let name = nameAndTag;
  let tag: string | undefined;
  const colon = nameAndTag.lastIndexOf(":");
  if (colon > nameAndTag.lastIndexOf("/")) {
    name = nameAndTag.slice(0, colon);
    tag = nameAndTag.slice(colon + 1);
    if (tag.length === 0) return fail("tag must not be empty");
    if (tag.length > TAG_MAX_LENGTH) return fail(`tag must be at most ${TAG_MAX_LENGTH} characters`);
    if (!TAG.test(tag)) {
      return fail("tag must start with a letter, digit or '_' and contain only letters, digits, '_', '.' and '-'");
    }
  }

  if (name.length === 0) return fail("repository must not be empty");
  if (name.startsWith("/")) return fail("repository must not start with '/'");
  if (name.endsWith("/")) return fail("repository must not end with '/'");
  if (name.includes("//")) return fail("repository must not contain '//'");

  const components = name.split("/");
  let registry = DOCKER_HUB_HOST;
  const first = components[0];
  // distribution/reference: a first component is a host iff it looks like one ("." or ":") or is
  // "localhost"; "bitnami/redis" is therefore Docker Hub, not a registry called "bitnami".
  if (components.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    registry = first.toLowerCase();
    components.shift();
    if (!REGISTRY_HOST.test(registry)) return fail("registry host must be a hostname with an optional numeric port");
  }

  for (const component of components) {
    if (component !== component.toLowerCase()) return fail("repository must be lowercase");
    if (!PATH_COMPONENT.test(component)) {
      return fail("repository path components must be lowercase letters and digits separated by '.', '_', '__' or '-'");
    }
  }

  if (isDockerHubHost(registry)) {
    registry = DOCKER_HUB_HOST;
    if (components.length === 1) components.unshift(OFFICIAL_NAMESPACE);
  }
  const repository = components.join("/");

  // Docker measures the normalized name, so "nginx" counts as "docker.io/library/nginx".
  if (registry.length + 1 + repository.length > NAME_MAX_LENGTH) {
    return fail(`repository name must be at most ${NAME_MAX_LENGTH} characters including the registry`);
  }

  return {
    ok: true,
    ref: { registry, repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) },
  };
}

/** Canonical string: registry/repository[:tag][@digest]; Docker Hub printed as "docker.io/library/nginx:1.27". */
export function formatImageReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${tagAndDigestSuffix(ref)}`;
}

/** The part after the repository: ":tag", "@sha256:...", both, or "" (Docker's reference grammar). */
export function tagAndDigestSuffix(ref: { readonly tag?: string | undefined; readonly digest?: string | undefined }): string {
  return `${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest !== undefined ? `@${ref.digest}` : ""}`;
}

/** A reference's repository part with any ":tag" and "@digest" cut off; tolerant of text that would not parse. */
export function withoutTagAndDigest(image: string): string {
  return image.replace(/@sha256:.*$/, "").replace(/:[^/:]+$/, "");
}
