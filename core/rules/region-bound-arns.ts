import { parseArn } from "../../facts/arn";
import type { EnvironmentPlan, RegionBoundArn } from "../model/plan-types";
import * as catalogue from "./catalogue";
import type { Rule, RuleContext, RuleViolation } from "./rule";

/**
 * The Region-bound ARNs each environment stack records (with the config path each came from)
 * against the stack's own account and Region. A value set at the environment level of a
 * multi-Region environment is meant for one Region: the finding names the per-Region path instead.
 */

interface ArnInStack {
  readonly env: EnvironmentPlan;
  readonly bound: RegionBoundArn;
  readonly at: { readonly account: string; readonly region: string };
  /** The environment runs in more than one Region (more than one stack). */
  readonly multiRegion: boolean;
}

function arnsOfKind(ctx: RuleContext, kinds: readonly RegionBoundArn["kind"][]): ArnInStack[] {
  const regions = new Map<string, number>();
  for (const env of ctx.plan.environments) regions.set(env.environment, (regions.get(env.environment) ?? 0) + 1);
  return ctx.plan.environments.flatMap((env) =>
    env.regionBoundArns
      .filter((bound) => kinds.includes(bound.kind))
      .flatMap((bound) => {
        const at = parseArn(bound.arn);
        return at ? [{ env, bound, at, multiRegion: regions.get(env.environment)! > 1 }] : [];
      }),
  );
}

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
