import { ecrRegistryHost } from "./aws/ecr";
/**
 * Container image references: parsing (Docker's distribution/reference grammar), registry
 * classification, and rewriting upstream images to their ECR pull-through cache path.
 *
 * Pure functions only: no cdktf, no I/O, so config validation and the stacks share one
 * definition of "which image is this and where does ECR cache it".
 */

/** Registries a pull-through cache rule can front (aws-facts.md, ECR pull-through cache). */
export type UpstreamKind = "docker-hub" | "ecr-public" | "quay" | "k8s" | "ghcr" | "gitlab" | "azure" | "ecr";

export interface ImageReference {
  /** Registry host as written/normalized: "docker.io" for every Docker Hub spelling (none, docker.io, index.docker.io, registry-1.docker.io); may include a port ("registry.example.com:5000"). Lowercased. */
  readonly registry: string;
  /** Repository path inside the registry. Docker Hub official images get "library/" ("nginx" -> "library/nginx"). */
  readonly repository: string;
  readonly tag?: string;
  /** "sha256:<64 lowercase hex>" */
  readonly digest?: string;
}

export type RegistryClass =
  | { readonly kind: "docker-hub" }
  | { readonly kind: "ecr-public" }
  | { readonly kind: "quay" }
  | { readonly kind: "k8s" }
  | { readonly kind: "ghcr" }
  | { readonly kind: "gitlab" }
  | { readonly kind: "azure"; readonly registryName: string } // "<name>.azurecr.io"
  | { readonly kind: "ecr"; readonly account: string; readonly region: string } // "<12 digits>.dkr.ecr.<region>.amazonaws.com"
  | { readonly kind: "unsupported" }; // any other registry: no pull-through cache upstream exists

export type ParseResult = { readonly ok: true; readonly ref: ImageReference } | { readonly ok: false; readonly error: string };

/** A pull-through cache rule as seen by the rewriter. */
export interface CacheRuleView {
  readonly kind: UpstreamKind;
  /** ECR repository prefix, e.g. "docker-hub" (no trailing slash). */
  readonly prefix: string;
  /** For azure: the registry name (the "<name>" in <name>.azurecr.io). */
  readonly azureRegistryName?: string;
  /** For ecr: the upstream account/region, and optional upstream repository prefix. */
  readonly upstreamAccount?: string;
  readonly upstreamRegion?: string;
  readonly upstreamRepositoryPrefix?: string;
}

export type RewriteResult =
  | { readonly ok: true; readonly uri: string; readonly repository: string; readonly rule: CacheRuleView; readonly viaCache: true }
  | { readonly ok: false; readonly error: string; readonly upstream?: UpstreamKind };

// --- Grammar (github.com/distribution/reference, regexp.go) --------------------------------

const DOCKER_HUB = "docker.io";
/**
 * Every spelling of Docker Hub collapses to one host so that rules, IAM and de-duplication see a
 * single registry. registry-1.docker.io is the URL the PTC API wants (aws-facts.md), so users
 * copy it into image names too.
 */
const DOCKER_HUB_ALIASES: ReadonlySet<string> = new Set([DOCKER_HUB, "index.docker.io", "registry-1.docker.io"]);
/** Docker Hub's namespace for official images; the cache path must keep it (aws-facts.md). */
const OFFICIAL_NAMESPACE = "library";

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const DOMAIN_LABEL = "(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])";
// IPv6 literals ("[::1]:5000") are deliberately not accepted: no ECS image worth caching lives there.
const REGISTRY_HOST = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*(?::[0-9]+)?$`);
const TAG_MAX_LENGTH = 128;
const TAG = /^\w[\w.-]*$/;
// Only sha256: it is the only algorithm registries emit for manifests, so anything else is a typo.
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const NAME_MAX_LENGTH = 255;

// --- Registry hosts (aws-facts.md, ECR pull-through cache: upstream registry URLs) ----------

/** China's `.amazonaws.com.cn` hosts are recognised so that their Region is refused by name. */
const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?$/;
const AZURE_HOST = /^([a-z0-9]{5,50})\.azurecr\.io$/;
const FIXED_HOSTS: ReadonlyMap<string, Exclude<UpstreamKind, "docker-hub" | "azure" | "ecr">> = new Map([
  ["public.ecr.aws", "ecr-public"],
  ["quay.io", "quay"],
  ["registry.k8s.io", "k8s"],
  ["ghcr.io", "ghcr"],
  ["registry.gitlab.com", "gitlab"],
] as const);
/** Frozen since 2023 and not a PTC upstream; worth a pointer to its successor in the error. */
const LEGACY_K8S_HOST = "k8s.gcr.io";

/**
 * ecrRepositoryPrefix / upstreamRepositoryPrefix may be the literal "ROOT", meaning "no prefix"
 * (aws-facts.md, `ecrRepositoryPrefix` pattern).
 */
const ROOT_PREFIX = "ROOT";

const DISPLAY_NAMES: Readonly<Record<UpstreamKind, string>> = {
  "docker-hub": "Docker Hub",
  "ecr-public": "ECR Public",
  quay: "Quay",
  k8s: "registry.k8s.io",
  ghcr: "GitHub Container Registry",
  gitlab: "GitLab Container Registry",
  azure: "Azure Container Registry",
  ecr: "ECR (cross-account/region)",
};

/** The `pullThroughCache.<key>` config switch that creates the rule for each upstream. */
const CONFIG_KEYS: Readonly<Record<UpstreamKind, string>> = {
  "docker-hub": "dockerHub",
  "ecr-public": "ecrPublic",
  quay: "quay",
  k8s: "k8s",
  ghcr: "ghcr",
  gitlab: "gitlab",
  azure: "azure",
  ecr: "ecr",
};

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
  let registry = DOCKER_HUB;
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

  if (DOCKER_HUB_ALIASES.has(registry)) {
    registry = DOCKER_HUB;
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
  return `${ref.registry}/${ref.repository}${suffix(ref)}`;
}

function suffix(ref: ImageReference): string {
  return `${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest !== undefined ? `@${ref.digest}` : ""}`;
}

// --- Classification --------------------------------------------------------------------------

export function classifyRegistry(registry: string): RegistryClass {
  // Lowercase again so hand-built references (not from the parser) classify the same way.
  const host = registry.toLowerCase();
  if (DOCKER_HUB_ALIASES.has(host)) return { kind: "docker-hub" };

  const fixed = FIXED_HOSTS.get(host);
  if (fixed !== undefined) return { kind: fixed };

  const azure = AZURE_HOST.exec(host);
  if (azure) return { kind: "azure", registryName: azure[1] };

  const ecr = ECR_HOST.exec(host);
  if (ecr) return { kind: "ecr", account: ecr[1], region: ecr[2] };

  // Includes hosts with an explicit port (e.g. "ghcr.io:443"): the PTC API takes bare upstream URLs.
  return { kind: "unsupported" };
}

// Re-exported: its home is core/aws/ecr.ts.
export { ecrRegistryHost };

/** Human name for messages: "Docker Hub", "ECR Public", "Quay", "registry.k8s.io", "GitHub Container Registry", "GitLab Container Registry", "Azure Container Registry", "ECR (cross-account/region)". */
export function upstreamDisplayName(kind: UpstreamKind): string {
  return DISPLAY_NAMES[kind];
}

// --- Rewriting -------------------------------------------------------------------------------

/**
 * Rewrites an upstream image to the private ECR path of the cluster's registry:
 * `<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<path>[:tag][@digest]`.
 * `repository` in the result is the ECR repository name, "<prefix>/<path>" (used for IAM ARNs).
 * Docker Hub official images keep "library/" (docker-hub/library/nginx), others never get it.
 * ECR-to-ECR: the image's registry must match the rule's upstream account+region; if the rule has
 * upstreamRepositoryPrefix P, the image repository must start with "P/" and the local path is
 * "<prefix>/<rest after P/>"; without it the local path is "<prefix>/<repository>".
 * On no matching rule: ok:false, error names the upstream to enable (e.g. `no pull-through cache rule for Docker Hub (docker.io); enable pullThroughCache.dockerHub`), and `upstream` is set. For "unsupported" registries: ok:false with an error saying the registry cannot be cached by ECR pull-through cache, upstream undefined.
 *
 * A digest is carried over unchanged; note that ECR cannot serve a never-cached image by digest
 * (aws-facts.md), so the first pull of a digest-only reference may fail.
 */
export function rewriteThroughCache(
  ref: ImageReference,
  rules: readonly CacheRuleView[],
  target: { readonly account: string; readonly region: string },
): RewriteResult {
  const host = ref.registry.toLowerCase();
  const registryClass = classifyRegistry(host);

  switch (registryClass.kind) {
    case "unsupported":
      return {
        ok: false,
        error:
          host === LEGACY_K8S_HOST
            ? `registry ${host} cannot be cached by ECR pull-through cache; it is the frozen legacy Kubernetes registry, use registry.k8s.io`
            : `registry ${host} cannot be cached by ECR pull-through cache; mirror the image into ECR or use a supported upstream`,
      };
    case "ecr":
      return rewriteFromEcr(ref, host, registryClass, rules, target);
    case "azure": {
      const rule = rules.find((r) => r.kind === "azure" && r.azureRegistryName?.toLowerCase() === registryClass.registryName);
      return rule ? cached(ref, rule, ref.repository, target) : missingRule("azure", host);
    }
    case "docker-hub": {
      const rule = rules.find((r) => r.kind === "docker-hub");
      // The parser already adds "library/"; hand-built references may not have, and a missing
      // "library/" surfaces as a misleading "authentication failed" at pull time (aws-facts.md).
      const path = ref.repository.includes("/") ? ref.repository : `${OFFICIAL_NAMESPACE}/${ref.repository}`;
      return rule ? cached(ref, rule, path, target) : missingRule("docker-hub", host);
    }
    default: {
      const kind = registryClass.kind;
      const rule = rules.find((r) => r.kind === kind);
      return rule ? cached(ref, rule, ref.repository, target) : missingRule(kind, host);
    }
  }
}

function rewriteFromEcr(
  ref: ImageReference,
  host: string,
  upstream: { readonly account: string; readonly region: string },
  rules: readonly CacheRuleView[],
  target: { readonly account: string; readonly region: string },
): RewriteResult {
  if (upstream.account === target.account && upstream.region === target.region) {
    // A rule whose upstream is its own registry would loop; the caller pulls these directly.
    return { ok: false, error: `image is already in the target registry ${host}; reference it directly, not through the pull-through cache` };
  }

  const sameRegistry = rules.filter(
    (r) => r.kind === "ecr" && r.upstreamAccount === upstream.account && r.upstreamRegion === upstream.region,
  );
  if (sameRegistry.length === 0) {
    return {
      ok: false,
      upstream: "ecr",
      error: `no pull-through cache rule for ${DISPLAY_NAMES.ecr} (${host}); enable pullThroughCache.${CONFIG_KEYS.ecr} with upstream account ${upstream.account} and region ${upstream.region}`,
    };
  }

  // Several rules may front one registry with different upstream prefixes; the most specific
  // (longest) matching prefix wins, a rule without prefix is the fallback.
  let best: { rule: CacheRuleView; path: string; specificity: number } | undefined;
  for (const rule of sameRegistry) {
    const upstreamPrefix = normalizePrefix(rule.upstreamRepositoryPrefix);
    let match: { path: string; specificity: number } | undefined;
    if (upstreamPrefix === undefined) {
      match = { path: ref.repository, specificity: 0 };
    } else if (ref.repository.startsWith(`${upstreamPrefix}/`)) {
      match = { path: ref.repository.slice(upstreamPrefix.length + 1), specificity: upstreamPrefix.length };
    }
    if (match && (best === undefined || match.specificity > best.specificity)) best = { rule, ...match };
  }

  if (best === undefined) {
    const prefixes = sameRegistry.map((r) => `${normalizePrefix(r.upstreamRepositoryPrefix)}/`).join(", ");
    return {
      ok: false,
      upstream: "ecr",
      error: `repository is outside the upstream repository prefix of every pull-through cache rule for ${host} (${prefixes})`,
    };
  }
  return cached(ref, best.rule, best.path, target);
}

/** undefined for "no prefix" (absent, empty or ROOT), otherwise the prefix without a trailing "/". */
function normalizePrefix(prefix: string | undefined): string | undefined {
  // A trailing "/" is implied by the API (aws-facts.md), so tolerate one written explicitly.
  const trimmed = prefix?.replace(/\/$/, "");
  return trimmed === undefined || trimmed === "" || trimmed === ROOT_PREFIX ? undefined : trimmed;
}

function cached(
  ref: ImageReference,
  rule: CacheRuleView,
  path: string,
  target: { readonly account: string; readonly region: string },
): RewriteResult {
  const prefix = normalizePrefix(rule.prefix);
  const repository = prefix === undefined ? path : `${prefix}/${path}`;
  return {
    ok: true,
    uri: `${ecrRegistryHost(target.account, target.region)}/${repository}${suffix(ref)}`,
    repository,
    rule,
    viaCache: true,
  };
}

function missingRule(kind: UpstreamKind, host: string): RewriteResult {
  return {
    ok: false,
    upstream: kind,
    error: `no pull-through cache rule for ${DISPLAY_NAMES[kind]} (${host}); enable pullThroughCache.${CONFIG_KEYS[kind]}`,
  };
}
