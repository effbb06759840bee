import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { eachContainer } from "./support/containers";

/**
 * What each container's image reference says, as the planner resolved it (ContainerPlan.image):
 * a tag that moves, no tag at all, a tag variable with no tag to vary, an upstream repository the
 * cache rule does not approve.
 */

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
