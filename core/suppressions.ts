import { shortValue } from "../config/problems";
import { FindingLog, type Finding, type SuppressedFinding } from "./findings";

export interface Suppression {
  readonly rule: string;
  readonly path: string;
  readonly reason: string;
}

/**
 * Takes the findings the config suppresses out of the list, keeping them (with their reasons) for
 * the report. A suppression matches a finding of its rule at exactly its path. One that matches
 * nothing is a warning: the finding it was written for is gone, and so should the suppression be.
 */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[]): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const used = new Set<number>();
  const kept = new FindingLog();
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const index = suppressions.findIndex((s) => s.rule === finding.rule && s.path === finding.path);
    if (index < 0) {
      kept.add(finding);
      continue;
    }
    used.add(index);
    suppressed.push({ ...finding, reason: suppressions[index]!.reason.trim() });
  }
  suppressions.forEach((s, index) => {
    if (!used.has(index)) kept.warning(`suppressions[${index}]`, `suppresses ${s.rule} at ${shortValue(s.path)}, but no such finding remains; remove the suppression`, undefined, "PG-SUPPRESSION-UNUSED");
  });
  return { findings: kept.list(), suppressed };
}
