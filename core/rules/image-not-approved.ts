import { quoted } from "../../config/problems";
import { isApprovedRepository, nearApprovedRepository } from "../images/approved-repositories";
import * as catalogue from "./catalogue";
import { containerPath, type Rule } from "./rule";
import { eachContainer } from "./support/containers";

/**
 * What each container's image reference says, as the planner resolved it (ContainerPlan.image):
 * a tag that moves, no tag at all, a tag variable with no tag to vary, an upstream repository the
 * cache rule does not approve.
 */

/**
 * A cache rule with allowedRepositories caches nothing else: an image outside the list is refused
 * at its own path, with the approved repository it is a near miss of (typosquatting is the risk).
 */
export const unapprovedImage: Rule = {
  definition: catalogue.imageNotApproved,
  check: (ctx) =>
    eachContainer(ctx, (c, s, env) => {
      const cache = c.image.cache;
      if (cache === undefined) return undefined;
      const rule = { kind: cache.upstream, ...(cache.allowedRepositories !== undefined ? { allowedRepositories: cache.allowedRepositories } : {}) };
      if (isApprovedRepository(rule, cache.upstreamRepository)) return undefined;
      const near = nearApprovedRepository(rule, cache.upstreamRepository);
      const meant = near !== undefined ? `; did you mean ${quoted(near)}?` : "";
      const via = cache.officialMirror ? " (a Docker Official Image, cached from ECR Public's mirror)" : "";
      return {
        stack: env.stackName,
        path: containerPath(s, c, "image"),
        message: `${quoted(c.image.written)}: upstream repository ${quoted(cache.upstreamRepository)}${via} is not in ${cache.ruleConfigPath ?? "the cache rule"}.allowedRepositories${meant}`,
      };
    }),
};
