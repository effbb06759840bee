import type { FindingDefinition } from "../model/findings";
import type { ContainerPlan, PlatformPlan, ServicePlan } from "../model/plan-types";

/** What a rule sees: the plan alone (without findings). Whatever a rule judges is on the plan. */
export interface RuleContext {
  readonly plan: Omit<PlatformPlan, "findings" | "suppressed">;
}

/** Non-compliance found by a rule: the config path, a sentence, and the stack it concerns (no level: the pack sets it). */
export interface RuleViolation {
  readonly path: string;
  readonly message: string;
  readonly stack?: string;
}

/**
 * A rule is a pure function from the plan to hits, cdk-nag style, joined to its definition (id,
 * level, why and fix, one file each under core/rules/catalogue/): planners record facts on the
 * plan, rules judge them.
 */
export interface Rule {
  readonly definition: FindingDefinition;
  readonly check: (ctx: RuleContext) => readonly RuleViolation[];
}

/** Config path of a container's field: the main container's fields sit on the service itself. */
export function containerPath(service: ServicePlan, container: ContainerPlan, field: string): string {
  return container.name === service.name ? `${service.configPath}.${field}` : `${service.configPath}.sidecars.${container.name}.${field}`;
}
