import { ECR_REGISTRY_HOST_SOURCE, FIXED_HOST_UPSTREAMS } from "../../../facts/upstream-registries";
import type { CauseDetail, CauseRule } from "../types";
import { withImage } from "./shared";

/**
 * Refusals by the registry itself, with no IAM wording in the message. Shapes:
 * - 403 from the account's own registry host on a plain repository: "failed to resolve ref
 *   <acct>.dkr.ecr.us-west-2.amazonaws.com/bedrock-proxy-api-ecs:latest@sha256:...: unexpected status
 *   from HEAD request to https://<acct>.dkr.ecr.../v2/.../blobs/sha256:...: 403 Forbidden"
 *   (github.com/aws-samples/bedrock-access-gateway/issues/114: the repository's policy stopped
 *   allowing the puller).
 * - 403 from the registry host on a path under a pull-through cache prefix (issue 23:
 *   "<acct>.dkr.ecr.us-east-1.amazonaws.com/docker-hub/library/redis:7: 403 Forbidden"): the first
 *   pull of a never-cached image imports it, which needs ecr:BatchImportUpstreamImage and
 *   ecr:CreateRepository (ECR user guide, pull through cache IAM), the rule's upstream credential,
 *   and the creation template's role when the template tags or encrypts with KMS.
 * - unauthenticated: "no basic auth credentials" (ECR user guide, "HTTP 403 errors or no basic
 *   auth credentials"), "unauthorized: authentication required", "401 Unauthorized".
 * Which path is under a cache prefix is decided here from the default prefixes; diagnose.ts adds
 * the config's own prefixes (plan-link.ts) before grouping.
 */
const REGISTRY_PATH = new RegExp(String.raw`\b${ECR_REGISTRY_HOST_SOURCE}\/(?:v2\/)?([a-z0-9._/-]+)`);
const FORBIDDEN = /\b403\b|Forbidden/;
export const DEFAULT_CACHE_PREFIXES: readonly string[] = FIXED_HOST_UPSTREAMS.map((u) => u.defaultPrefix);

/** The account, Region and repository path of the first ECR registry path in a message (URL or image reference). */
export function ecrRepositoryIn(text: string): { account: string; region: string; repository: string } | undefined {
  const m = REGISTRY_PATH.exec(text);
  if (!m) return undefined;
  const repository = m[3].replace(/\/(?:manifests|blobs|tags)\/.*$/, "").replace(/\/+$/, "");
  return repository === "" ? undefined : { account: m[1], region: m[2], repository };
}

/** The longest prefix the repository is under, e.g. "docker-hub" for docker-hub/library/redis. */
export function cachePrefixOf(repository: string, prefixes: readonly string[]): string | undefined {
  return [...prefixes].sort((a, b) => b.length - a.length).find((p) => repository.startsWith(`${p}/`));
}

function forbiddenDetail(text: string, prefixes: readonly string[]): CauseDetail {
  const found = ecrRepositoryIn(text);
  const cachePrefix = found ? cachePrefixOf(found.repository, prefixes) : undefined;
  return { ...withImage(text), ...(found ? { repository: found.repository } : {}), ...(cachePrefix ? { cachePrefix } : {}) };
}

export const PTC_FORBIDDEN: CauseRule = {
  id: "ptc-forbidden",
  family: "iam",
  title: "403 Forbidden from the pull-through cache (a never-cached image could not be imported)",
  when: [REGISTRY_PATH, FORBIDDEN, new RegExp(String.raw`\.amazonaws\.com(?:\.cn)?\/(?:v2\/)?(?:${DEFAULT_CACHE_PREFIXES.join("|")})\/`)],
  detail: (text) => forbiddenDetail(text, DEFAULT_CACHE_PREFIXES),
};

export const ECR_FORBIDDEN: CauseRule = {
  id: "ecr-forbidden",
  family: "iam",
  title: "403 Forbidden from an ECR repository (repository policy or execution role)",
  when: [REGISTRY_PATH, FORBIDDEN],
  detail: (text) => forbiddenDetail(text, DEFAULT_CACHE_PREFIXES),
};

/** A repository the config caches under a prefix of its own (Azure, ECR-to-ECR) is a cache path too. */
export function asCacheForbidden(detail: CauseDetail, prefixes: readonly string[]): CauseDetail | undefined {
  const cachePrefix = detail.repository === undefined ? undefined : cachePrefixOf(detail.repository, prefixes);
  return cachePrefix === undefined ? undefined : { ...detail, cachePrefix };
}

export const registryAccessRules: readonly CauseRule[] = [
  PTC_FORBIDDEN,
  ECR_FORBIDDEN,
  {
    id: "registry-unauthenticated",
    family: "iam",
    title: "The registry refused the pull as unauthenticated (no, expired or wrong credentials)",
    when: [/no basic auth credentials|unauthorized: authentication required|\b401 Unauthorized|unauthorized: incorrect username or password/i],
    detail: (text) => withImage(text),
  },
];
