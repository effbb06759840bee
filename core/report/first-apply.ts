import { md, renderMarkdown, trustedMarkdown, type Markdown } from "../markdown";
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

/**
 * The report's first lines: what a first apply adopts, imports or replaces, then the apply order.
 * A reviewer must see before anything else which existing settings the apply will change.
 */
export function firstApplyLines(plan: PlatformPlan): string[] {
  return firstApplyMarkdown(plan).map((line) => renderMarkdown([line]));
}

export function firstApplyMarkdown(plan: PlatformPlan): Markdown[] {
  const lines = [md`# First apply`, md``];
  if (plan.adoption.length === 0) lines.push(md`Adopts, imports and replaces nothing (no existing infrastructure is declared in the config).`);
  for (const a of firstApplyEntries(plan)) lines.push(md`- ${a.action} (${a.stack}): ${a.what}`);
  lines.push(
    md``,
    md`Registry singletons not declared under ${trustedMarkdown("`accounts.<alias>.registry.existing.<region>`")} are created: if one exists already, the first apply overwrites it (replication configuration, registry policy, scanning) or fails (cache rule, credential secret).`,
    md``,
    md`## Deploy order`,
    md``,
    ...plan.deployOrder.map((wave, i) => md`${i + 1}. ${wave.join(", ")}`),
    md``,
    md`${trustedMarkdown("`cdktf deploy '*'`")} follows it (stack dependencies); with plain Terraform, apply wave by wave.`,
  );
  return lines;
}

export function deployOrderLine(plan: PlatformPlan): string {
  return `pullguard: deploy order: ${plan.deployOrder.map((wave, i) => `(${i + 1}) ${wave.join(" ")}`).join("  ")}`;
}
