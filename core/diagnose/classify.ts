import { CAUSE_RULES, INFORMATIONAL } from "./causes";
import type { CauseRule, Classification, ClassifiedEvidence, Evidence } from "./types";

function matches(rule: CauseRule, e: Evidence): boolean {
  if (rule.sources && !rule.sources.includes(e.source)) return false;
  if (!rule.when.every((p) => p.test(e.text))) return false;
  return !(rule.unless ?? []).some((p) => p.test(e.text));
}

/**
 * One piece of evidence -> its cause, or context (not a failure), or unclassified (kept visible
 * with the raw line: an unknown message is a gap in the rules, never something to hide).
 */
export function classify(e: Evidence, rules: readonly CauseRule[] = CAUSE_RULES): Classification {
  if (e.source === "metric") return { kind: "context" };
  // A CloudTrail call that succeeded is part of a burst, not a failure.
  if (e.source === "cloudtrail" && e.errorCode === undefined) return { kind: "context" };
  if (e.source === "service-event" && (e.startedTasks !== undefined || INFORMATIONAL.some((p) => p.test(e.text)))) return { kind: "context" };
  const rule = rules.find((r) => matches(r, e));
  if (rule) return { kind: "cause", rule, detail: rule.detail ? rule.detail(e.text) : {} };
  return { kind: "unclassified" };
}

export function classifyAll(evidence: readonly Evidence[]): ClassifiedEvidence[] {
  return evidence.map((e) => ({ evidence: e, classification: classify(e) }));
}
