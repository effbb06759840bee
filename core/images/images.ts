import { quoted } from "../../config/problems";
import { regionProblem } from "../../config/primitives";
import type { SidecarConfig } from "../../config/schema";
import { ecrRegistryHost, ecrRepositoryArn } from "../../facts/ecr";
import { parseImageReference, tagAndDigestSuffix, type ImageReference } from "./reference";
import { rewriteThroughCache, type RewriteResult } from "./reference-rewrite";
import { isApprovedRepository, nearApprovedRepository } from "./approved-repositories";
import { classifyRegistry, DOCKER_HUB_HOST } from "../../facts/upstream-registries";
import type { ImageContext } from "../model/location-context";
import type { ContainerImagePlan } from "../model/plan-types";
import type { DockerHubAuth, PullSource } from "../model/budget-types";
import * as catalogue from "../rules/catalogue";

type ImageFields = Pick<SidecarConfig, "image" | "imageLayers" | "pullDirect" | "repositoryCredentialsArn" | "dockerHubPlan">;

/**
 * Where a container image comes from and the ECR repository the task really pulls: upstream images
 * go through the cluster registry's pull-through cache, our own images come from the cluster's
 * Region (replicated there when pushed elsewhere), and only `pullDirect` leaves AWS.
 */
export function resolveImage(fields: ImageFields, path: string, ctx: ImageContext): ContainerImagePlan | undefined {
  const parsed = parseImageReference(fields.image);
  if (!parsed.ok) {
    ctx.log.report(catalogue.imageInvalid, path, `${quoted(fields.image)} is not a valid image reference: ${parsed.error}`, ctx.stack);
    return undefined;
  }
  const ref = parsed.ref;
  if (ref.tag === undefined && ref.digest === undefined) {
    ctx.log.report(catalogue.imageUntagged, path, `${quoted(fields.image)} has no tag; an untagged image means :latest. Pin a version tag or a digest`, ctx.stack);
    return undefined;
  }
  if (ref.tag !== undefined && ref.tag.toLowerCase() === "latest") {
    ctx.log.report(catalogue.imageLatest, path, `${quoted(fields.image)} uses :latest, which moves between tasks of one rollout and forces registry checks. Pin a version tag or a digest`, ctx.stack);
    return undefined;
  }
  const registry = classifyRegistry(ref.registry);
  // A Region named only in an image host gets the same check as one in config.
  const regionProblemText = registry.kind === "ecr" ? regionProblem(registry.region) : undefined;
  if (regionProblemText) {
    ctx.log.report(catalogue.imageEcrRegion, path, `${quoted(fields.image)} names ECR Region "${registry.kind === "ecr" ? registry.region : ""}", which ${regionProblemText}`, ctx.stack);
    return undefined;
  }
  const layers = fields.imageLayers;
  const tagAndDigest = tagAndDigestOf(ref);

  if (fields.pullDirect) {
    const source: PullSource = registry.kind === "docker-hub" ? "docker-hub-direct" : registry.kind === "ecr" ? "ecr" : "other-direct";
    const dockerHubAuth: DockerHubAuth | undefined =
      source === "docker-hub-direct" ? (fields.repositoryCredentialsArn ? (fields.dockerHubPlan ?? "personal") : "anonymous") : undefined;
    // Docker Hub's canonical pull host: the ECS agent resolves bare names the same way.
    const repositoryUri = registry.kind === "docker-hub" ? `${DOCKER_HUB_HOST}/${ref.repository}` : `${ref.registry}/${ref.repository}`;
    return {
      written: fields.image,
      repositoryUri,
      ...tagAndDigest,
      route: "direct",
      ...(registry.kind === "ecr" ? { repositoryArn: ecrRepositoryArn(registry.region, registry.account, ref.repository) } : {}),
      pull: { source, layers, registryPath: `${repositoryUri}${tagAndDigestSuffix(ref)}`, ...(dockerHubAuth ? { dockerHubAuth } : {}) },
    };
  }

  const targetHost = ecrRegistryHost(ctx.target.account, ctx.target.region);
  if (registry.kind === "ecr" && ctx.declaredAccounts.has(registry.account)) {
    const sameRegistry = registry.account === ctx.target.account && registry.region === ctx.target.region;
    const cachedFromOurs = sameRegistry ? undefined : rewriteThroughCache(ref, ctx.cacheRules, ctx.target);
    if (cachedFromOurs?.ok) return approvedImage(fields, path, cachedFromOurs, ctx) ? cachedImage(fields, ref, cachedFromOurs, ctx) : undefined;
    if (!sameRegistry) ctx.needsReplication({ account: registry.account, region: registry.region }, ref.repository);
    const repositoryUri = `${targetHost}/${ref.repository}`;
    return {
      written: fields.image,
      repositoryUri,
      ...tagAndDigest,
      route: sameRegistry ? "own-registry" : "replicated",
      repositoryArn: ecrRepositoryArn(ctx.target.region, ctx.target.account, ref.repository),
      pull: { source: "ecr", layers, registryPath: `${repositoryUri}${tagAndDigestSuffix(ref)}` },
    };
  }

  const rewritten = rewriteThroughCache(ref, ctx.cacheRules, ctx.target);
  if (!rewritten.ok) {
    const hint =
      registry.kind === "ecr"
        ? `; or declare account ${registry.account} under accounts so pullguard replicates its images`
        : rewritten.upstream === undefined
          ? "; or set pullDirect: true to pull it from there (outside the pull budget's protection)"
          : "";
    ctx.log.report(catalogue.imageRewrite, path, `${quoted(fields.image)}: ${rewritten.error}${hint}`, ctx.stack);
    return undefined;
  }
  if (!approvedImage(fields, path, rewritten, ctx)) return undefined;
  return cachedImage(fields, ref, rewritten, ctx);
}

type Cached = Extract<RewriteResult, { ok: true }>;

/**
 * A rule with `allowedRepositories` caches nothing else: an image outside the list is refused at
 * its own path, with the approved repository it is a near miss of (typosquatting is the risk).
 */
function approvedImage(fields: ImageFields, path: string, cached: Cached, ctx: ImageContext): boolean {
  if (isApprovedRepository(cached.rule, cached.upstreamRepository)) return true;
  const near = nearApprovedRepository(cached.rule, cached.upstreamRepository);
  const meant = near !== undefined ? `; did you mean ${quoted(near)}?` : "";
  const via = cached.officialMirror ? " (a Docker Official Image, cached from ECR Public's mirror)" : "";
  ctx.log.report(
    catalogue.imageNotApproved,
    path,
    `${quoted(fields.image)}: upstream repository ${quoted(cached.upstreamRepository)}${via} is not in ${cached.rule.configPath ?? "the cache rule"}.allowedRepositories${meant}`,
    ctx.stack,
  );
  return false;
}

function cachedImage(fields: ImageFields, ref: ImageReference, cached: Cached, ctx: ImageContext): ContainerImagePlan {
  const repositoryUri = `${ecrRegistryHost(ctx.target.account, ctx.target.region)}/${cached.repository}`;
  return {
    written: fields.image,
    repositoryUri,
    ...tagAndDigestOf(ref),
    route: "pull-through-cache",
    cache: { upstream: cached.rule.kind, officialMirror: cached.officialMirror },
    repositoryArn: ecrRepositoryArn(ctx.target.region, ctx.target.account, cached.repository),
    pull: {
      source: "ecr",
      layers: fields.imageLayers,
      registryPath: cached.uri,
      ...(cached.officialMirror ? { dockerHubCache: "official-mirror" as const } : cached.rule.kind === "docker-hub" ? { dockerHubCache: "docker-hub" as const } : {}),
    },
  };
}

/** The image string a task definition carries; a tag variable replaces the written tag. */
export function imageString(image: ContainerImagePlan, tagOverride?: string): string {
  return `${image.repositoryUri}${tagAndDigestSuffix({ tag: tagOverride ?? image.tag, digest: image.digest })}`;
}

function tagAndDigestOf(ref: ImageReference): { tag?: string; digest?: string } {
  return { ...(ref.tag !== undefined ? { tag: ref.tag } : {}), ...(ref.digest !== undefined ? { digest: ref.digest } : {}) };
}
