import { quoted } from "../../config/problems";
import * as catalogue from "./catalogue";
import { containerPath, type Rule } from "./rule";
import { eachContainer } from "./support/containers";

/**
 * What each container's image reference says, as the planner resolved it (ContainerPlan.image):
 * a tag that moves, no tag at all, a tag variable with no tag to vary, an upstream repository the
 * cache rule does not approve.
 */

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
