import { ecrRepositoryArn } from "../../facts/ecr";
import { editDistance } from "../../facts/upstream-registries";
import { wildcardMatches } from "../iam/evaluation";
import type { CacheRuleView } from "../model/image-types";
import { OFFICIAL_NAMESPACE } from "./reference";

/**
 * Approved upstream repositories (`pullThroughCache.<upstream>.allowedRepositories`): which
 * upstream repositories a cache rule may import, the near miss a refused image probably meant,
 * and the cache repository ARNs the import actions are scoped to. With a public registry a typo
 * ("ngnix") is someone else's image, so the list is the point and the did-you-mean is the help.
 */

/** What approval reads of a cache rule: its upstream and its allowlist. */
export type ApprovalView = Pick<CacheRuleView, "kind" | "allowedRepositories">;

/**
 * The rule's patterns as upstream repository paths. A Docker Hub entry without "/" names an
 * official image, as Docker resolves it ("nginx" is "library/nginx").
 */
export function approvedPatterns(rule: ApprovalView): readonly string[] | undefined {
  if (rule.allowedRepositories === undefined) return undefined;
  if (rule.kind !== "docker-hub") return rule.allowedRepositories;
  return rule.allowedRepositories.map((p) => (p.includes("/") || p.includes("*") ? p : `${OFFICIAL_NAMESPACE}/${p}`));
}

/** True when the rule approves every repository or one of its patterns matches `upstreamRepository`. */
export function isApprovedRepository(rule: ApprovalView, upstreamRepository: string): boolean {
  const patterns = approvedPatterns(rule);
  return patterns === undefined || patterns.some((p) => wildcardMatches(p, upstreamRepository));
}

/** Edits a refused repository may be from an approved one and still be called a near miss. */
const NEAR_MISS_EDITS = 2;

/**
 * The approved repository a refused one is a near miss of ("library/ngnix" -> "library/nginx",
 * "bitnamii/redis" -> "bitnami/*"): compared whole for literal patterns, by the part before the
 * first `*` for wildcard ones. Undefined when none is within two edits.
 */
export function nearApprovedRepository(rule: ApprovalView, upstreamRepository: string): string | undefined {
  let best: { pattern: string; distance: number } | undefined;
  for (const pattern of approvedPatterns(rule) ?? []) {
    const star = pattern.indexOf("*");
    const compared = star < 0 ? upstreamRepository : upstreamRepository.slice(0, star);
    const literal = star < 0 ? pattern : pattern.slice(0, star);
    if (literal.length === 0) continue;
    const distance = editDistance(compared, literal, NEAR_MISS_EDITS);
    if (distance <= NEAR_MISS_EDITS && (best === undefined || distance < best.distance)) best = { pattern, distance };
  }
  return best?.pattern;
}

/**
 * The cache repository path an upstream pattern lands in: "<prefix>/<pattern>", or for an
 * ECR-to-ECR rule with an upstream repository prefix P, "<prefix>/<pattern after P/>" (a pattern
 * outside P can never be cached by the rule: undefined).
 */
export function cacheRepositoryPattern(rule: CacheRuleView, pattern: string): string | undefined {
  const upstreamPrefix = rule.upstreamRepositoryPrefix?.replace(/\/$/, "");
  let path = pattern;
  if (rule.kind === "ecr" && upstreamPrefix !== undefined && upstreamPrefix !== "" && upstreamPrefix !== "ROOT") {
    if (!pattern.startsWith(`${upstreamPrefix}/`)) return undefined;
    path = pattern.slice(upstreamPrefix.length + 1);
  }
  return rule.prefix === "ROOT" ? path : `${rule.prefix.replace(/\/$/, "")}/${path}`;
}

/**
 * The repository ARNs a first pull through this rule may create and import into: the approved
 * repositories' cache paths, or the whole prefix when the rule approves every repository.
 */
export function importableRepositoryArns(rule: CacheRuleView, where: { readonly account: string; readonly region: string }): string[] {
  const patterns = approvedPatterns(rule);
  // No list: everything the rule caches lands under its prefix, whatever its upstream prefix.
  if (patterns === undefined) return [ecrRepositoryArn(where.region, where.account, rule.prefix === "ROOT" ? "*" : `${rule.prefix.replace(/\/$/, "")}/*`)];
  return patterns.flatMap((p) => {
    const path = cacheRepositoryPattern(rule, p);
    return path === undefined ? [] : [ecrRepositoryArn(where.region, where.account, path)];
  });
}
