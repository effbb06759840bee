import { ecrRegistryHost } from "../../facts/ecr";
import type { CacheRuleView } from "../model/image-types";
import { OFFICIAL_NAMESPACE, tagAndDigestSuffix, type ImageReference } from "./reference";
import { classifyRegistry, nearUpstreamHost, upstreamRegistry, type UpstreamKind } from "../../facts/upstream-registries";

/**
 * Where ECR's pull-through cache serves an upstream image from: the rule that fronts its registry
 * and the private repository path under that rule's prefix. Pure functions only.
 */

export type RewriteResult =
  | {
      readonly ok: true;
      readonly uri: string;
      readonly repository: string;
      readonly rule: CacheRuleView;
      /** The repository path upstream, as the rule's allowlist names it ("library/nginx", "docker/library/nginx"). */
      readonly upstreamRepository: string;
      /** A Docker Official Image served from ECR Public's mirror instead of Docker Hub. */
      readonly officialMirror: boolean;
    }
  | { readonly ok: false; readonly error: string; readonly upstream?: UpstreamKind };

/** ECR Public's copy of Docker Hub's official images (aws-facts.md, "Docker Official Images on ECR Public"). */
export const ECR_PUBLIC_OFFICIAL_NAMESPACE = `docker/${OFFICIAL_NAMESPACE}`;

/** Docker Hub's own `library/<name>` images: the only ones ECR Public mirrors. `bitnami/redis` is not one. */
export function isDockerOfficialImage(ref: ImageReference): boolean {
  if (classifyRegistry(ref.registry).kind !== "docker-hub") return false;
  const parts = ref.repository.split("/");
  return parts.length === 1 || (parts.length === 2 && parts[0] === OFFICIAL_NAMESPACE);
}

/** Frozen since 2023 and not a PTC upstream; worth a pointer to its successor in the error. */
const LEGACY_K8S_HOST = "k8s.gcr.io";

/**
 * ecrRepositoryPrefix / upstreamRepositoryPrefix may be the literal "ROOT", meaning "no prefix"
 * (aws-facts.md, `ecrRepositoryPrefix` pattern).
 */
const ROOT_PREFIX = "ROOT";

/**
 * Rewrites an upstream image to the private ECR path of the cluster's registry:
 * `<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<path>[:tag][@digest]`.
 * `repository` in the result is the ECR repository name, "<prefix>/<path>" (used for IAM ARNs).
 * Docker Hub official images keep "library/" (docker-hub/library/nginx), others never get it; through
 * an ECR Public rule marked `servesOfficialImages` they become "<prefix>/docker/library/nginx".
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
    case "unsupported": {
      if (host === LEGACY_K8S_HOST) return { ok: false, error: `registry ${host} cannot be cached by ECR pull-through cache; it is the frozen legacy Kubernetes registry, use registry.k8s.io` };
      // A typo of a supported host is far likelier than a registry that happens to look like one.
      const near = nearUpstreamHost(host);
      const meant = near ? `; did you mean ${near.host}${near.withoutPort ? " (no port)" : ""}? Otherwise` : ";";
      return { ok: false, error: `registry ${host} cannot be cached by ECR pull-through cache${meant} mirror the image into ECR or use a supported upstream` };
    }
    case "ecr":
      return rewriteFromEcr(ref, host, registryClass, rules, target);
    case "azure": {
      const rule = rules.find((r) => r.kind === "azure" && r.azureRegistryName?.toLowerCase() === registryClass.registryName);
      return rule ? cached(ref, rule, ref.repository, target) : missingRule("azure", host);
    }
    case "docker-hub": {
      // Official images take ECR Public's mirror whenever the planner marked that rule for them
      // (always without a Docker Hub rule; by pullThroughCache.officialImagesVia with both).
      const mirror = isDockerOfficialImage(ref) ? rules.find((r) => r.kind === "ecr-public" && r.servesOfficialImages === true) : undefined;
      if (mirror) return cached(ref, mirror, `${ECR_PUBLIC_OFFICIAL_NAMESPACE}/${ref.repository.split("/").pop()!}`, target, true);
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
      error: `${missingRuleText("ecr", host)} with upstream account ${upstream.account} and region ${upstream.region}`,
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
  officialMirror = false,
): RewriteResult {
  const prefix = normalizePrefix(rule.prefix);
  const repository = prefix === undefined ? path : `${prefix}/${path}`;
  return {
    ok: true,
    uri: `${ecrRegistryHost(target.account, target.region)}/${repository}${tagAndDigestSuffix(ref)}`,
    repository,
    rule,
    // ECR-to-ECR rules may strip an upstream prefix from the path; the allowlist names the full upstream repository.
    upstreamRepository: rule.kind === "ecr" ? ref.repository : path,
    officialMirror,
  };
}

function missingRule(kind: UpstreamKind, host: string): RewriteResult {
  return {
    ok: false,
    upstream: kind,
    error: missingRuleText(kind, host),
  };
}

function missingRuleText(kind: UpstreamKind, host: string): string {
  const upstream = upstreamRegistry(kind);
  return `no pull-through cache rule for ${upstream.displayName} (${host}); enable pullThroughCache.${upstream.configKey}`;
}
