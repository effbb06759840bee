import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { TerraformSetup } from "./terraform";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Every string value a saved `terraform plan` would create, per stack module: `terraform plan -out`
 * then `terraform show -json` in a root prepared by prepareModuleRoot. A string that is a JSON
 * document (a policy, container definitions) is searched as text and, parsed, string by string.
 */
export function plannedStrings(dir: string, setup: TerraformSetup): { readonly error?: string; readonly byModule: ReadonlyMap<string, readonly string[]> } {
  const run = (args: string[]) => spawnSync("terraform", args, { cwd: dir, env: setup.env, encoding: "utf8", maxBuffer: 1 << 30 });
  const init = run(["init", "-input=false", "-no-color"]);
  if (init.status !== 0) return { error: `terraform init: ${init.stderr}${init.stdout}`, byModule: new Map() };
  const plan = run(["plan", "-refresh=false", "-lock=false", "-input=false", "-no-color", "-out", join(dir, "injection.tfplan")]);
  if (plan.status !== 0) return { error: `terraform plan: ${plan.stderr}${plan.stdout}`, byModule: new Map() };
  const show = run(["show", "-json", "-no-color", join(dir, "injection.tfplan")]);
  if (show.status !== 0) return { error: `terraform show: ${show.stderr}`, byModule: new Map() };
  const byModule = new Map<string, string[]>();
  const modules = ((JSON.parse(show.stdout) as Json).planned_values?.root_module?.child_modules ?? []) as Json[];
  for (const module of modules) {
    const name = String(module.address).replace(/^module\./, "");
    const strings: string[] = [];
    for (const resource of (module.resources ?? []) as Json[]) collect(resource.values, strings);
    byModule.set(name, strings);
  }
  return { byModule };
}

function collect(value: unknown, into: string[]): void {
  if (typeof value === "string") {
    into.push(value);
    if (/^[[{]/.test(value)) {
      try {
        collect(JSON.parse(value), into);
      } catch {
        // Not a JSON document: the text itself is enough.
      }
    }
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(value)) into.push(key);
    collect(item, into);
  }
}
