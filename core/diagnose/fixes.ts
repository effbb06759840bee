import { parseArn } from "../../facts/arn";
import { ecrRepositoryArn } from "../../facts/ecr";
import { parseImageReference, withoutTagAndDigest } from "../images/reference";
import { classifyRegistry, FIXED_HOST_UPSTREAMS, upstreamRegistry, type FixedHostUpstream, type UpstreamKind } from "../../facts/upstream-registries";
import { arnsIn } from "./arns";
import { DOCKER_HUB_LIMITS, launchFix, rolloutFix } from "./fix-rollout";
import type { LinkedCacheRule, LinkedImage, ServiceLink } from "./plan-link";
import type { CauseDetail, Fix, RolloutBurst } from "./types";

/**
 * The upstream whose one config switch creates a rule under this default prefix. Azure and
 * ECR-to-ECR rules are keyed by a prefix the user chose, so no switch fixes a missing one.
 */
const UPSTREAM_BY_DEFAULT_PREFIX: ReadonlyMap<string, FixedHostUpstream> = new Map(FIXED_HOST_UPSTREAMS.map((u) => [u.defaultPrefix, u]));

export interface FixInput {
  readonly id: string;
  readonly detail: CauseDetail;
  readonly link: ServiceLink;
  readonly bursts: readonly RolloutBurst[];
  /** Evidence text, for resources the message names (secret ARNs). */
  readonly text: string;
}

/** ECR repository of an image reference: "<account>.dkr.ecr.<region>.amazonaws.com/<repo>[:tag|@digest]" -> parts. */
function ecrParts(image: string | undefined): { account: string; region: string; repository: string } | undefined {
  // The tag or digest is cut off first: a message may truncate a digest, which would not parse.
  const parsed = image === undefined ? undefined : parseImageReference(withoutTagAndDigest(image));
  if (!parsed?.ok) return undefined;
  const registry = classifyRegistry(parsed.ref.registry);
  return registry.kind === "ecr" ? { account: registry.account, region: registry.region, repository: parsed.ref.repository } : undefined;
}

function linkedImage(link: ServiceLink, image: string | undefined): LinkedImage | undefined {
  if (image === undefined) return undefined;
  const bare = withoutTagAndDigest(image);
  return link.images.find((i) => i.repositoryUri === bare) ?? link.images.find((i) => bare.endsWith(i.repositoryUri) || i.repositoryUri.endsWith(bare));
}

/** The config switch of an upstream's cache rule; without a kind, a placeholder for the user to fill. */
export function cachePath(link: ServiceLink, kind?: UpstreamKind): string {
  return `accounts.${link.accountAlias}.registry.pullThroughCache.${kind ? upstreamRegistry(kind).configKey : "<upstream>"}`;
}

function ruleFor(link: ServiceLink, kind: UpstreamKind): LinkedCacheRule | undefined {
  return link.cacheRules.find((r) => r.kind === kind);
}

function dockerHubFix(link: ServiceLink, id: string): Fix {
  const direct = link.images.filter((i) => i.source === "docker-hub-direct");
  const rule = ruleFor(link, "docker-hub");
  const abuse = id === "docker-hub-abuse" ? "The abuse limit is a per-IP 429 that applies to everyone, authenticated or not. " : "";
  const account = id === "docker-hub-authenticated" ? "The pulls count against the Docker account that authenticated them. " : "";
  return {
    configPath: cachePath(link, "docker-hub"),
    change: "credential: { source: create } (then put the Docker Hub access token in the secret); every Docker Hub image is then pulled through the cache",
    explanation: `${abuse}${account}${DOCKER_HUB_LIMITS}; through the cache ECR fetches each image from Docker Hub about once per 24 h${direct.length > 0 ? `; still pulled directly: ${direct.map((i) => i.written).join(", ")}` : ""}`,
    status: rule && direct.length === 0 ? "fixed" : "not-fixed",
  };
}

function endpointFix(link: ServiceLink, needed: readonly string[], why: string): Fix {
  const missing = needed.filter((e) => !link.endpoints.includes(e));
  const key = (e: string) => e.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  return {
    configPath: `environments.${link.environment}.endpoints`,
    change: needed.map(key).join(", "),
    explanation: `${why}; ${missing.length === 0 ? `this config creates ${needed.join(", ")} in ${link.region}` : `missing in this config: ${missing.join(", ")}`}`,
    status: missing.length === 0 ? "fixed" : "not-fixed",
  };
}

export function iamFix(link: ServiceLink, action: string | undefined, image: string | undefined): Fix {
  if (!action) return { configPath: link.configPath, change: "deploy pullguard's execution role", explanation: "the message names no action", status: "unknown" };
  const parts = ecrParts(image);
  const resource = action === "ecr:GetAuthorizationToken" ? "*" : parts ? ecrRepositoryArn(parts.region, parts.account, parts.repository) : undefined;
  const resources = resource ? [resource] : link.images.flatMap((i) => (i.repositoryArn ? [i.repositoryArn] : []));
  const allowed = resources.length > 0 && resources.every((r) => link.allows(action, r));
  return {
    configPath: link.configPath,
    change: `execution role ${link.executionRoleName} allows ${action}`,
    explanation: `the running execution role lacks ${action}${resource ? ` on ${resource}` : ""}; ${allowed ? "the role this config generates grants it: apply the environment stack" : "the role this config generates does not grant it: check the image path and its cache rule"}`,
    status: allowed ? "fixed" : "not-fixed",
  };
}

function imageFix(input: FixInput): Fix {
  const { link, detail, id } = input;
  const image = linkedImage(link, detail.image);
  const path = `${link.configPath}.image`;
  if (id === "image-repository-not-found") {
    const repository = ecrParts(detail.image)?.repository ?? "";
    const prefix = repository.split("/")[0];
    const upstream = UPSTREAM_BY_DEFAULT_PREFIX.get(prefix);
    if (upstream) {
      const rule = link.cacheRules.find((r) => r.prefix === prefix);
      return {
        configPath: cachePath(link, upstream.kind),
        change: `enable the ${prefix} pull-through cache rule`,
        explanation: `${repository} is under the cache prefix "${prefix}/" but the registry had no rule for it; ${rule ? `this config creates it (${rule.upstreamRegistryUrl})` : "this config does not create it"}`,
        status: rule ? "fixed" : "not-fixed",
      };
    }
    return { configPath: path, change: "an image in a repository that exists", explanation: `repository ${repository || "(unnamed)"} does not exist in the registry`, status: "unknown" };
  }
  if (image?.route === "replicated") {
    return {
      configPath: path,
      change: `push ${image.tag ?? image.digest ?? "the image"} again in the source Region, or wait for replication`,
      explanation: "the image reaches this Region by replication: replication is asynchronous (a deploy right after a push races it) and never copies images pushed before replication was configured",
      status: "unknown",
    };
  }
  if (image?.route === "pull-through-cache" && (id === "image-digest-not-found" || image.digest !== undefined)) {
    return { configPath: path, change: "pin a tag through the cache, not a digest", explanation: "a digest that was never cached cannot be pulled through the cache by digest (first pull by tag)", status: image.digest !== undefined ? "not-fixed" : "unknown" };
  }
  if (image?.route === "pull-through-cache" && id === "image-tag-not-found") {
    return { configPath: path, change: `an image and tag that exist upstream (${image.written})`, explanation: "the image goes through the pull-through cache, so the upstream registry answered 404: check the repository path (Docker Hub official images need library/) and the tag", status: "unknown" };
  }
  if (id === "image-digest-not-found" || id === "image-archived") {
    return {
      configPath: `accounts.${link.accountAlias}.registry.repositoryTemplates`,
      change: "a lifecycle policy that keeps every digest a running service references",
      // An archived image answers a pull with a plain 404 (ECR user guide, "Archiving an image"): the message cannot tell it from a deleted one.
      explanation:
        "ECS pins a tag to its digest at deployment; a lifecycle rule that expired or archived that digest breaks every later task start (scale-out, replacement) until a new deployment. If `aws ecr describe-images` shows the digest ARCHIVED, restore it (`aws ecr update-image-storage-class --target-storage-class STANDARD`) or push it again",
      status: "unknown",
    };
  }
  return { configPath: path, change: "a tag that was pushed", explanation: "the tag does not exist in the repository: it was never pushed, or was overwritten and expired", status: "unknown" };
}

/** The config change for one cause in one service's window; undefined when no config can fix it. */
export function fixFor(input: FixInput): Fix | undefined {
  const { id, detail, link, bursts, text } = input;
  switch (id) {
    case "ecr-throttling":
      return rolloutFix(link, bursts, detail.api);
    case "ecr-public-rate-limit": {
      const direct = link.images.filter((i) => i.route === "direct" && classifyRegistry(i.repositoryUri.split("/")[0]).kind === "ecr-public");
      return { configPath: cachePath(link, "ecr-public"), change: "true", explanation: "ECR Public throttles unauthenticated pulls per source IP; through the cache the pull is an authenticated ECR call in your own registry", status: ruleFor(link, "ecr-public") && direct.length === 0 ? "fixed" : "not-fixed" };
    }
    case "docker-hub-anonymous":
    case "docker-hub-authenticated":
    case "docker-hub-abuse":
      return dockerHubFix(link, id);
    case "resource-init-throttling":
      return rolloutFix(link, bursts, detail.step === "registry-auth" ? "GetAuthorizationToken" : detail.api);
    case "resource-init-network":
      return endpointFix(link, detail.step === "registry-auth" ? ["ecr.api"] : /ssm/i.test(text) ? ["ssm"] : ["secretsmanager"], "Fargate fetches registry auth and secrets before the task starts, over the task's subnets");
    case "resource-init-iam": {
      const arn = arnsIn(text).find((a) => ["secretsmanager", "ssm"].includes(parseArn(a)?.service ?? ""));
      const action = detail.action ?? (/ssm/i.test(text) ? "ssm:GetParameters" : "secretsmanager:GetSecretValue");
      const allowed = arn !== undefined && link.allows(action, arn);
      return { configPath: `${link.configPath}.secrets`, change: `execution role ${link.executionRoleName} allows ${action}${arn ? ` on ${arn}` : ""}`, explanation: "pullguard's execution role grants exactly the secrets the service references; a secret missing from config, or in another account, is denied", status: arn === undefined ? "unknown" : allowed ? "fixed" : "not-fixed" };
    }
    case "resource-init-kms":
      return { configPath: `${link.configPath}.secrets`, change: "kms:Decrypt on the secret's customer managed key", explanation: "the secret is encrypted with a KMS key the execution role (or the key policy) does not let it use", status: link.allows("kms:Decrypt") ? "fixed" : "unknown" };
    case "iam-cache-import":
    case "iam-cache-create-repository":
    case "iam-repository-pull":
      return iamFix(link, detail.action, detail.image);
    case "network-s3-gateway-missing":
      return endpointFix(link, ["s3"], "ECR serves layers from S3: the S3 gateway endpoint must be on the tasks' route tables (privateRouteTableIds)");
    case "network-no-route-ecr":
    case "network-timeout":
      return endpointFix(link, ["ecr.api", "ecr.dkr", "s3"], "private tasks reach ECR through its interface endpoints and S3 gateway endpoint (or a NAT gateway)");
    case "network-endpoint-policy":
      return { configPath: `environments.${link.environment}.endpoints.restrictToAccount`, change: "endpoint policies that allow ECR and the layer bucket prod-<region>-starport-layer-bucket", explanation: "an endpoint policy denied the pull; pullguard's policies allow the account's ECR calls and the S3 layer bucket", status: "unknown" };
    case "image-tag-not-found":
    case "image-digest-not-found":
    case "image-archived":
    case "image-repository-not-found":
      return imageFix(input);
    case "ptc-upstream-auth": {
      // The rule whose prefix the failing path starts with; a message naming only docker.io means Docker Hub's.
      const path = ecrParts(detail.image)?.repository ?? "";
      const rule = link.cacheRules.find((r) => path.startsWith(`${r.prefix}/`)) ?? (/docker\.io/.test(text) ? ruleFor(link, "docker-hub") : undefined);
      const secret = rule?.secretName ?? rule?.secretArn ?? "ecr-pullthroughcache/<prefix>";
      return { configPath: rule ? `${rule.configPath}.credential` : cachePath(link), change: `aws secretsmanager put-secret-value --secret-id ${secret} --secret-string '{"username":"...","accessToken":"..."}'`, explanation: "the cache rule's secret is empty or wrong; for Docker Hub official images the path also needs library/ (docker-hub/library/nginx), or the same error appears", status: "unknown" };
    }
    case "fargate-launch-throttled":
    case "fargate-task-quota":
      return launchFix(link, bursts);
    case "capacity-no-instance":
      return { configPath: `environments.${link.environment}.ec2Capacity.maxSize`, change: `room for ${link.rollout.concurrentStarts} more tasks during a rollout (maxSize now ${link.ec2Capacity?.maxSize ?? "unset"})`, explanation: `a rolling update starts up to ${link.rollout.concurrentStarts} tasks beside the running ones (maximumPercent ${link.rollout.maximumPercent})`, status: "unknown" };
    case "capacity-unavailable":
      return { configPath: `${link.configPath}.deployment`, change: `at most ${link.rollout.concurrentStarts} tasks at once`, explanation: "Fargate had no capacity for the requested size in the subnets' Availability Zones; ECS retries", status: "unknown" };
    default:
      return undefined;
  }
}
