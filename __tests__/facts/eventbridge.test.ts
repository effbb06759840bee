import { EVENT_PATTERN_MAX_CHARS, eventBusRuleQuota, WILDCARD_RULES_PER_BUS } from "../../facts/eventbridge";

// docs/aws-facts.md, "EventBridge": the EventBridge user guide's quotas page (checked 2026-12).
describe("EventBridge quotas", () => {
  test.each([
    ["us-east-1", 300],
    ["eu-west-1", 300],
    ["af-south-1", 100],
    ["eu-south-1", 100],
    ["eu-south-2", 300],
  ])("%s: %i rules per event bus by default", (region, quota) => {
    expect(eventBusRuleQuota(region)).toBe(quota);
  });

  test("30 rules with wildcards per bus, patterns of at most 2,048 characters", () => {
    expect(WILDCARD_RULES_PER_BUS).toBe(30);
    expect(EVENT_PATTERN_MAX_CHARS).toBe(2048);
  });
});
