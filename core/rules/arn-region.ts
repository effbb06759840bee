import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { arnsOfKind } from "./support/region-bound-arns";

/**
 * The Region-bound ARNs each environment stack records (with the config path each came from)
 * against the stack's own account and Region. A value set at the environment level of a
 * multi-Region environment is meant for one Region: the finding names the per-Region path instead.
 */

/** Secrets, repository credentials and KMS keys are fetched by the task in its own Region. */
export const arnRegion: Rule = {
  definition: catalogue.arnRegion,
  check: (ctx) =>
    arnsOfKind(ctx, ["task-read"])
      .filter(({ env, at }) => at.region !== env.region)
      .map(({ env, bound, at }) => ({
        stack: env.stackName,
        path: bound.path,
        message: `is in ${at.region}, but ${env.stackName} runs in ${env.region}: tasks read it in their own Region${bound.setInstead ? `; set this Region's value under ${bound.setInstead}` : ""}`,
      })),
};
