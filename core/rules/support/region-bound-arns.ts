/** The Region- and account-bound ARNs of the plan by kind, for the rules that judge where they point. */
import { parseArn } from "../../../facts/arn";
import type { EnvironmentPlan, RegionBoundArn } from "../../model/plan-types";
import type { RuleContext } from "../rule";

export interface ArnInStack {
  readonly env: EnvironmentPlan;
  readonly bound: RegionBoundArn;
  readonly at: { readonly account: string; readonly region: string };
  /** The environment runs in more than one Region (more than one stack). */
  readonly multiRegion: boolean;
}

export function arnsOfKind(ctx: RuleContext, kinds: readonly RegionBoundArn["kind"][]): ArnInStack[] {
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
