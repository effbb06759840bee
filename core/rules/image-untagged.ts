import { quoted } from "../../config/problems";
import * as catalogue from "./catalogue";
import { containerPath, type Rule } from "./rule";
import { eachContainer } from "./support/containers";

/**
 * What each container's image reference says, as the planner resolved it (ContainerPlan.image):
 * a tag that moves, no tag at all, a tag variable with no tag to vary, an upstream repository the
 * cache rule does not approve.
 */

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
