import type { FindingDefinition } from "../../model/findings";
import { byCodePoint } from "../../sort";
import * as definitions from "./all";

export * from "./all";

/**
 * Every finding pullguard can report, by id. The FindingLog takes only these definition objects, so
 * an id outside this list cannot be emitted; docs/findings.md is generated from it.
 */
export const CATALOGUE: readonly FindingDefinition[] = Object.values(definitions).sort((a, b) => byCodePoint(a.id, b.id));

export function findingById(id: string): FindingDefinition | undefined {
  return CATALOGUE.find((d) => d.id === id);
}
