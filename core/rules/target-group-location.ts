import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";
import { arnsOfKind } from "./support/region-bound-arns";

/**
 * The Region-bound ARNs each environment stack records (with the config path each came from)
 * against the stack's own account and Region. A value set at the environment level of a
 * multi-Region environment is meant for one Region: the finding names the per-Region path instead.
 */

/** Why each kind of load-balancing ARN must be in the service's own account and Region. */
const WHY: Readonly<Record<string, string>> = {
  "target-group": "ECS registers tasks only in a target group of its own account and Region",
  "listener-rule": "ECS shifts traffic only on listener rules of its own account and Region",
  "load-balancer": "request-count scaling follows a load balancer of the service's own account and Region",
};

/** Target groups, listener rules and the ALB of request-count scaling must be in the service's own account and Region. */
export const targetGroupLocation: Rule = {
  definition: catalogue.targetGroupLocation,
  check: (ctx) =>
    arnsOfKind(ctx, ["target-group", "listener-rule", "load-balancer"])
      .filter(({ env, at }) => at.region !== env.region || at.account !== env.account)
      .map(({ env, bound, at, multiRegion }): RuleViolation => {
        const hint = bound.setInstead && multiRegion && at.region !== env.region ? `; set this Region's value under ${bound.setInstead}` : "";
        return {
          stack: env.stackName,
          path: bound.path,
          message: `is in ${at.account}/${at.region}, but ${env.stackName} runs in ${env.account}/${env.region}: ${WHY[bound.kind]!}${hint}`,
        };
      }),
};
