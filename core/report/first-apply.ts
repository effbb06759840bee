import type { AdoptionLine, PlatformPlan } from "../model/plan-types";

/** A first-apply line: what is adopted, imported or replaced, or a step the apply needs from the user. */
export interface FirstApplyEntry {
  readonly action: AdoptionLine["action"] | "note";
  readonly stack: string;
  readonly what: string;
}

/**
 * What a first apply adopts, imports or replaces, then what it needs done by hand: one list for the
 * Markdown report and its JSON (`firstApply`), so that neither says less than the other.
 */
export function firstApplyEntries(plan: PlatformPlan): FirstApplyEntry[] {
  const entries: FirstApplyEntry[] = plan.adoption.map((a) => ({ ...a }));
  // A cache rule reads its credential when it is created (aws-facts.md): an empty secret stops the first apply there.
  for (const registry of plan.registries) {
    for (const rule of registry.cacheRules) {
      const credential = rule.credential;
      if (credential?.source !== "create" || credential.applyTime || registry.imports.some((i) => i.target === "credential-secret" && i.prefix === rule.prefix)) continue;
      entries.push({
        action: "note",
        stack: registry.stackName,
        what: `${credential.secretName} is created empty and the ${rule.prefix} cache rule reads it when created: put its value, then apply again (or set value: apply-time)`,
      });
    }
  }
  return entries;
}
