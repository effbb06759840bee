import { shortValue } from "../../config/problems";
import { FindingLog, type Finding, type SuppressedFinding } from "../model/findings";
import { findingById, suppressionRefused, suppressionUnused } from "../rules/catalogue";

export interface Suppression {
  readonly rule: string;
  readonly path: string;
  readonly reason: string;
}

/**
 * Takes the findings the config suppresses out of the list, keeping them (with their reasons) for
 * the report. A suppression matches a finding of its rule at exactly its path, and only a finding
 * whose definition is suppressible: a config error cannot be accepted. One that names no catalogued
 * id or an unsuppressible one is refused; one that matches nothing is unused: the finding it was
 * written for is gone, and so should the suppression be.
 */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[]): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const used = new Set<number>();
  const kept = new FindingLog();
  const suppressed: SuppressedFinding[] = [];
  const refused = new Map<number, string>();
  suppressions.forEach((s, index) => {
    const definition = findingById(s.rule);
    if (definition === undefined) refused.set(index, `names ${s.rule}, which is no pullguard finding (docs/findings.md lists them); correct the id or remove the suppression`);
    else if (!definition.suppressible) refused.set(index, `names ${s.rule}, a config error that cannot be suppressed; fix the config at ${s.path} instead`);
  });
  for (const finding of findings) {
    const index = suppressions.findIndex((s, i) => !refused.has(i) && s.rule === finding.rule && s.path === finding.path);
    if (index < 0) {
      kept.keep(finding);
      continue;
    }
    used.add(index);
    suppressed.push({ ...finding, reason: suppressions[index]!.reason.trim() });
  }
  suppressions.forEach((s, index) => {
    const refusal = refused.get(index);
    if (refusal !== undefined) kept.report(suppressionRefused, `suppressions[${index}]`, refusal);
    else if (!used.has(index)) kept.report(suppressionUnused, `suppressions[${index}]`, `suppresses ${s.rule} at ${shortValue(s.path)}, but no such finding remains; remove the suppression`);
  });
  return { findings: kept.list(), suppressed };
}
