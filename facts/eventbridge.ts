/**
 * EventBridge quotas per account, Region and event bus (docs/aws-facts.md, "EventBridge"; EventBridge
 * user guide, quotas, checked 2026-12).
 */

/** Rules on one event bus: 300, 100 in af-south-1 and eu-south-1; adjustable (Service Quotas, "Number of rules"). */
export function eventBusRuleQuota(region: string): number {
  return region === "af-south-1" || region === "eu-south-1" ? 100 : 300;
}

/** Rules whose pattern contains a wildcard, per event bus: 30, not adjustable. */
export const WILDCARD_RULES_PER_BUS = 30;

/** The longest event pattern, in characters. */
export const EVENT_PATTERN_MAX_CHARS = 2048;
