import { quoted } from "../../config/problems";
import { regionProblem } from "../../config/primitives";
import type { SidecarConfig } from "../../config/schema";
import { ecrRegistryHost, ecrRepositoryArn } from "../../facts/ecr";
import { parseImageReference, tagAndDigestSuffix, type ImageReference } from "./reference";
import { rewriteThroughCache, type RewriteResult } from "./reference-rewrite";
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
  // An untagged or :latest image is planned as written: PG-IMAGE-UNTAGGED and PG-IMAGE-LATEST (core/rules/image-untagged.ts, image-latest.ts) judge its tag.
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
    if (cachedFromOurs?.ok) return cachedImage(fields, ref, cachedFromOurs, ctx);
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
  return cachedImage(fields, ref, rewritten, ctx);
}

type Cached = Extract<RewriteResult, { ok: true }>;

function cachedImage(fields: ImageFields, ref: ImageReference, cached: Cached, ctx: ImageContext): ContainerImagePlan {
  const repositoryUri = `${ecrRegistryHost(ctx.target.account, ctx.target.region)}/${cached.repository}`;
  return {
    written: fields.image,
    repositoryUri,
    ...tagAndDigestOf(ref),
    route: "pull-through-cache",
    // A rule with allowedRepositories caches nothing else: PG-IMAGE-NOT-APPROVED (core/rules/image-not-approved.ts) judges the repository.
    cache: {
      upstream: cached.rule.kind,
      officialMirror: cached.officialMirror,
      upstreamRepository: cached.upstreamRepository,
      ...(cached.rule.allowedRepositories !== undefined ? { allowedRepositories: cached.rule.allowedRepositories } : {}),
      ...(cached.rule.configPath !== undefined ? { ruleConfigPath: cached.rule.configPath } : {}),
    },
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
