import { quoted } from "../../config/problems";
import { isApprovedRepository, nearApprovedRepository } from "../images/approved-repositories";
import type { ContainerPlan, EnvironmentPlan, ServicePlan } from "../model/plan-types";
import * as catalogue from "./catalogue";
import { containerPath, type Rule, type RuleContext, type RuleViolation } from "./rule";

/**
 * What each container's image reference says, as the planner resolved it (ContainerPlan.image):
 * a tag that moves, no tag at all, a tag variable with no tag to vary, an upstream repository the
 * cache rule does not approve.
 */

type Judge = (container: ContainerPlan, service: ServicePlan, env: EnvironmentPlan) => RuleViolation | undefined;

function eachContainer({ plan }: RuleContext, judge: Judge): RuleViolation[] {
  return plan.environments.flatMap((env) => env.services.flatMap((service) => service.containers.flatMap((container) => judge(container, service, env) ?? [])));
}

/** Neither tag nor digest: the runtime pulls :latest. */
export const untaggedImage: Rule = {
  definition: catalogue.imageUntagged,
  check: (ctx) =>
    eachContainer(ctx, (c, s, env) =>
      c.image.tag === undefined && c.image.digest === undefined
        ? { stack: env.stackName, path: containerPath(s, c, "image"), message: `${quoted(c.image.written)} has no tag; an untagged image means :latest. Pin a version tag or a digest` }
        : undefined,
    ),
};

/** :latest in any case: registries treat tags case-sensitively, but LATEST is as mutable as latest. */
export const latestImage: Rule = {
  definition: catalogue.imageLatest,
  check: (ctx) =>
    eachContainer(ctx, (c, s, env) =>
      c.image.tag?.toLowerCase() === "latest"
        ? {
            stack: env.stackName,
            path: containerPath(s, c, "image"),
            message: `${quoted(c.image.written)} uses :latest, which moves between tasks of one rollout and forces registry checks. Pin a version tag or a digest`,
          }
        : undefined,
    ),
};

/** imageTagVariable makes the written tag the variable's default: there must be a tag, and no digest pinning past it. */
export const tagVariableWithoutTag: Rule = {
  definition: catalogue.imageTagVariable,
  check: (ctx) =>
    eachContainer(ctx, (c, s, env) =>
      c.imageTagVariable && (c.image.tag === undefined || c.image.digest !== undefined)
        ? { stack: env.stackName, path: `${s.configPath}.imageTagVariable`, message: "needs an image written with a tag and no digest: the tag is the variable's default" }
        : undefined,
    ),
};

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
