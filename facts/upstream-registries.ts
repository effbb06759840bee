/**
 * The registries an ECR pull-through cache rule can front, in one table (docs/aws-facts.md, "ECR
 * pull-through cache": CreatePullThroughCacheRule's supported upstreams). Image classification,
 * cache rule planning, error messages and diagnose's fixes all read this table; adding an upstream
 * is one entry here plus its `pullThroughCache.<configKey>` field in the config schema.
 */

export type UpstreamKind = "docker-hub" | "ecr-public" | "quay" | "k8s" | "ghcr" | "gitlab" | "chainguard" | "azure" | "ecr";

/** The `pullThroughCache.<key>` config fields, one per upstream (config/schema.ts). */
export type UpstreamConfigKey = "dockerHub" | "ecrPublic" | "quay" | "k8s" | "ghcr" | "gitlab" | "chainguard" | "azure" | "ecr";

interface UpstreamFacts {
  /** Human name for messages. */
  readonly displayName: string;
  /** The `pullThroughCache.<configKey>` config field that creates the rule. */
  readonly configKey: UpstreamConfigKey;
  /** CreatePullThroughCacheRule refuses the rule without a Secrets Manager credential. */
  readonly needsCredential: boolean;
}

/**
 * A registry at a fixed host. One config switch (`pullThroughCache.<configKey>`) creates its one
 * rule under `defaultPrefix` unless overridden, so diagnose can name that switch as a one-line fix
 * for a repository under the default prefix.
 */
export interface FixedHostUpstream extends UpstreamFacts {
  readonly kind: Exclude<UpstreamKind, "azure" | "ecr">;
  readonly configKey: Exclude<UpstreamConfigKey, "azure" | "ecr">;
  /** `upstreamRegistryUrl` as CreatePullThroughCacheRule expects it. */
  readonly upstreamRegistryUrl: string;
  /** Every host an image reference may name for this registry, lowercase; the first is the canonical one. */
  readonly hosts: readonly string[];
  readonly defaultPrefix: string;
}

/**
 * A registry whose host names one instance (an Azure registry, another account's ECR registry):
 * config keys each rule by its own prefix, so there is no default prefix and no one-line fix.
 */
export interface PerRegistryUpstream extends UpstreamFacts {
  readonly kind: Extract<UpstreamKind, "azure" | "ecr">;
  readonly configKey: Extract<UpstreamConfigKey, "azure" | "ecr">;
  /** Matches a lowercase host; the capture groups name the instance. */
  readonly hostPattern: RegExp;
}

export type UpstreamRegistry = FixedHostUpstream | PerRegistryUpstream;

/** Docker Hub's canonical host in image references; the parser writes every alias as this one. */
export const DOCKER_HUB_HOST = "docker.io";

export const FIXED_HOST_UPSTREAMS: readonly FixedHostUpstream[] = [
  {
    kind: "docker-hub",
    displayName: "Docker Hub",
    configKey: "dockerHub",
    needsCredential: true,
    upstreamRegistryUrl: "registry-1.docker.io",
    // registry-1.docker.io is the URL the PTC API wants, so users copy it into image names too.
    hosts: [DOCKER_HUB_HOST, "index.docker.io", "registry-1.docker.io"],
    defaultPrefix: "docker-hub",
  },
  { kind: "ecr-public", displayName: "ECR Public", configKey: "ecrPublic", needsCredential: false, upstreamRegistryUrl: "public.ecr.aws", hosts: ["public.ecr.aws"], defaultPrefix: "ecr-public" },
  { kind: "quay", displayName: "Quay", configKey: "quay", needsCredential: false, upstreamRegistryUrl: "quay.io", hosts: ["quay.io"], defaultPrefix: "quay" },
  { kind: "k8s", displayName: "registry.k8s.io", configKey: "k8s", needsCredential: false, upstreamRegistryUrl: "registry.k8s.io", hosts: ["registry.k8s.io"], defaultPrefix: "k8s" },
  { kind: "ghcr", displayName: "GitHub Container Registry", configKey: "ghcr", needsCredential: true, upstreamRegistryUrl: "ghcr.io", hosts: ["ghcr.io"], defaultPrefix: "ghcr" },
  { kind: "gitlab", displayName: "GitLab Container Registry", configKey: "gitlab", needsCredential: true, upstreamRegistryUrl: "registry.gitlab.com", hosts: ["registry.gitlab.com"], defaultPrefix: "gitlab" },
  // The ECR user guide lists Chainguard Registry among the upstreams that need a Secrets Manager secret (docs/aws-facts.md).
  { kind: "chainguard", displayName: "Chainguard Registry", configKey: "chainguard", needsCredential: true, upstreamRegistryUrl: "cgr.dev", hosts: ["cgr.dev"], defaultPrefix: "chainguard" },
];

export const AZURE_UPSTREAM: PerRegistryUpstream = {
  kind: "azure",
  displayName: "Azure Container Registry",
  configKey: "azure",
  needsCredential: true,
  hostPattern: /^([a-z0-9]{5,50})\.azurecr\.io$/,
};

/** An Azure registry's host, which is also its `upstreamRegistryUrl`. */
export function azureRegistryHost(registryName: string): string {
  return `${registryName}.azurecr.io`;
}

/** A private ECR registry's host (facts/ecr.ts builds it); China's `.amazonaws.com.cn` hosts are recognised so that their Region is refused by name. */
export const ECR_REGISTRY_HOST_SOURCE = String.raw`(\d{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?`;

export const ECR_UPSTREAM: PerRegistryUpstream = {
  kind: "ecr",
  displayName: "ECR (cross-account/region)",
  configKey: "ecr",
  // Same-account rules use ECR's service-linked role, cross-account ones a custom role: never a secret.
  needsCredential: false,
  hostPattern: new RegExp(`^${ECR_REGISTRY_HOST_SOURCE}$`),
};

export const UPSTREAM_REGISTRIES: readonly UpstreamRegistry[] = [...FIXED_HOST_UPSTREAMS, AZURE_UPSTREAM, ECR_UPSTREAM];

const BY_KIND: ReadonlyMap<UpstreamKind, UpstreamRegistry> = new Map(UPSTREAM_REGISTRIES.map((u) => [u.kind, u]));
const BY_HOST: ReadonlyMap<string, FixedHostUpstream> = new Map(FIXED_HOST_UPSTREAMS.flatMap((u) => u.hosts.map((h) => [h, u] as const)));

export function upstreamRegistry(kind: UpstreamKind): UpstreamRegistry {
  return BY_KIND.get(kind)!;
}

/** Human name for messages: "Docker Hub", "ECR Public", "Quay", "registry.k8s.io", "GitHub Container Registry", "GitLab Container Registry", "Chainguard Registry", "Azure Container Registry", "ECR (cross-account/region)". */
export function upstreamDisplayName(kind: UpstreamKind): string {
  return upstreamRegistry(kind).displayName;
}

/** Every spelling of Docker Hub collapses to one host so that rules, IAM and de-duplication see a single registry. */
export function isDockerHubHost(host: string): boolean {
  return BY_HOST.get(host)?.kind === "docker-hub";
}

export type RegistryClass =
  | { readonly kind: FixedHostUpstream["kind"] }
  | { readonly kind: "azure"; readonly registryName: string } // "<name>.azurecr.io"
  | { readonly kind: "ecr"; readonly account: string; readonly region: string } // "<12 digits>.dkr.ecr.<region>.amazonaws.com"
  | { readonly kind: "unsupported" }; // any other registry: no pull-through cache upstream exists

export function classifyRegistry(registry: string): RegistryClass {
  // Lowercase again so hand-built references (not from the parser) classify the same way.
  const host = registry.toLowerCase();
  const fixed = BY_HOST.get(host);
  if (fixed !== undefined) return { kind: fixed.kind };

  const azure = AZURE_UPSTREAM.hostPattern.exec(host);
  if (azure) return { kind: "azure", registryName: azure[1] };

  const ecr = ECR_UPSTREAM.hostPattern.exec(host);
  if (ecr) return { kind: "ecr", account: ecr[1], region: ecr[2] };

  // Includes hosts with an explicit port (e.g. "ghcr.io:443"): the PTC API takes bare upstream URLs.
  return { kind: "unsupported" };
}

/** Private ECR registries named in free text such as a runtime error message, in order of appearance. */
export function ecrRegistriesIn(text: string): { readonly host: string; readonly account: string; readonly region: string }[] {
  return [...text.matchAll(new RegExp(`\\b${ECR_REGISTRY_HOST_SOURCE}`, "g"))].map((m) => ({ host: m[0], account: m[1], region: m[2] }));
}

/** Regex source for any fixed upstream host (dots escaped), to find image references in free text. */
export const FIXED_UPSTREAM_HOSTS_SOURCE = FIXED_HOST_UPSTREAMS.flatMap((u) => u.hosts)
  .map((h) => h.replace(/\./g, "\\."))
  .join("|");

/**
 * Real registries one typo away from an upstream's host (gcr.io is ghcr.io less an "h"): never
 * "corrected". Registries further away are left alone by the distance limits below.
 */
const LOOK_ALIKE_REGISTRIES: ReadonlySet<string> = new Set(["gcr.io", "registry.gitlab.cn"]);

/** Hosts shorter than this get one edit of slack, longer ones two: "nvcr.io" and "lscr.io" are two edits from "ghcr.io" and real. */
const TWO_EDIT_MIN_LENGTH = 12;

/**
 * The upstream host an unsupported registry host was probably meant to be ("ghrc.io" -> "ghcr.io"),
 * or a known host written with a port, which the pull-through cache does not take. Undefined for
 * a host that is not a near miss: a private registry is never told it meant Docker Hub.
 */
export function nearUpstreamHost(registry: string): { readonly host: string; readonly withoutPort: boolean } | undefined {
  const lower = registry.toLowerCase();
  const bare = lower.replace(/:\d+$/, "");
  if (bare !== lower && BY_HOST.has(bare)) return { host: bare, withoutPort: true };
  if (BY_HOST.has(bare) || LOOK_ALIKE_REGISTRIES.has(bare)) return undefined;
  let best: { host: string; distance: number } | undefined;
  for (const host of BY_HOST.keys()) {
    const limit = host.length >= TWO_EDIT_MIN_LENGTH ? 2 : 1;
    const distance = editDistance(bare, host, limit);
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { host, distance };
  }
  return best && { host: best.host, withoutPort: false };
}

/**
 * Edits (insert, delete, replace, swap two neighbours: the four ways fingers mistype) from a to
 * b; anything over `limit` comes back as limit + 1.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit + 1);
}
