import type { PlatformConfig } from "../../config/schema";
import type { PlatformPlan } from "../plan-types";

/** What a rule sees: the plan (without findings) and the config it came from. */
export interface RuleContext {
  readonly plan: Omit<PlatformPlan, "findings">;
  readonly config: PlatformConfig;
}

/** One place a rule fires: the config path, a sentence, and the stack it concerns. */
export interface RuleHit {
  readonly path: string;
  readonly message: string;
  readonly stack?: string;
}

/**
 * A rule is a pure function from the plan to hits, cdk-nag style: it says what is wrong, and the
 * pack (rules/index.ts) says how much that matters.
 */
export interface Rule {
  readonly id: string;
  readonly description: string;
  readonly check: (ctx: RuleContext) => readonly RuleHit[];
}
