import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { arnsOfKind } from "./support/region-bound-arns";

/**
 * The Region-bound ARNs each environment stack records (with the config path each came from)
 * against the stack's own account and Region. A value set at the environment level of a
 * multi-Region environment is meant for one Region: the finding names the per-Region path instead.
 */

/** A Lambda function is Regional too, but AWS does not say ECS cannot invoke one elsewhere: a warning. */
export const lifecycleHookRegion: Rule = {
  definition: catalogue.lifecycleHookRegion,
  check: (ctx) =>
    arnsOfKind(ctx, ["lifecycle-hook"])
      .filter(({ env, at }) => at.region !== env.region)
      .map(({ env, bound, at, multiRegion }) => ({
        stack: env.stackName,
        path: bound.path,
        message: `is a Lambda function in ${at.region}, but ${env.stackName} runs in ${env.region}${bound.setInstead && multiRegion ? `; set this Region's hooks under ${bound.setInstead}` : ""}`,
      })),
};
