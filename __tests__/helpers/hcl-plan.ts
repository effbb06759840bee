import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARGUMENTS_SINCE, offlineOverride, versionAtLeast, type TerraformSetup } from "./terraform";

/**
 * Every stack's HCL (`cdk.tf`, from `synth --hcl`) planned in ONE offline `terraform plan`: each
 * stack becomes a child module of a scratch root, with its own provider configuration, so the
 * provider's startup and schema load are paid once instead of once per stack (about 5 s each on
 * 2 cores). Addresses come back as `module.<name>.<address>`; the test strips the prefix and
 * compares them with the JSON copies, each planned as its own root by the JSON check.
 * What this gives up: a stack's `terraform` block is read in module context, where Terraform
 * ignores a backend (with a warning); `terraform fmt -check` still parses all of it.
 */
export interface HclStack {
  /** Module name: letters, digits, `_` and `-`. */
  readonly module: string;
  readonly hcl: string;
}

export function prepareHclRoot(stacks: readonly HclStack[], dir: string, setup: TerraformSetup): string {
  mkdirSync(dir, { recursive: true });
  const offline = offlineOverride(setup.providerVersion) as { terraform: { required_providers: unknown }; provider: unknown };
  for (const stack of stacks) {
    const moduleDir = join(dir, stack.module);
    mkdirSync(moduleDir, { recursive: true });
    writeFileSync(join(moduleDir, "cdk.tf"), stack.hcl);
    // A backend means nothing in a child module; the rest of the offline override applies as-is.
    writeFileSync(join(moduleDir, "zz_offline_override.tf.json"), JSON.stringify({ terraform: { required_providers: offline.terraform.required_providers }, provider: offline.provider }));
  }
  const modules = Object.fromEntries(stacks.map((s) => [s.module, { source: `./${s.module}` }]));
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: offline.terraform.required_providers, backend: { local: {} } }, module: modules }));
  copyFileSync(setup.lockFile, join(dir, ".terraform.lock.hcl"));
  return dir;
}

/** `module.<name>.<address>` -> action, per module name. */
export function byModule(planned: Readonly<Record<string, string>>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [address, action] of Object.entries(planned)) {
    const match = /^module\.([^.]+)\.(.+)$/.exec(address);
    if (!match) throw new Error(`planned change outside a stack module: ${address}`);
    const stack = out.get(match[1]!) ?? {};
    stack[match[2]!] = action;
    out.set(match[1]!, stack);
  }
  return out;
}

/** The root's own data directory: `terraform init` registers the stack modules there, apart from the shared one. */
export function hclRootSetup(dir: string, setup: TerraformSetup): TerraformSetup {
  return { ...setup, env: { ...setup.env, TF_DATA_DIR: join(dir, ".terraform") } };
}

/**
 * The HCL counterpart of what prepareOfflineStack strips from the JSON copy: arguments the
 * installed provider predates (ARGUMENTS_SINCE), removed from the planned copy only and listed by
 * the JSON check. It relies on the writer's fmt-canonical layout: a resource's arguments at two
 * spaces, a nested block's at four, each block or multi-line value closed at its own indentation.
 */
export function withoutArgumentsSince(hcl: string, providerVersion: string): string {
  const strip = ARGUMENTS_SINCE.filter((a) => !versionAtLeast(providerVersion, a.since));
  if (strip.length === 0) return hcl;
  const out: string[] = [];
  let resourceType: string | undefined;
  const open: string[] = []; // names of the blocks the current line is in, below the resource
  const lines = hcl.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const resource = /^resource "([^"]+)" "[^"]+" \{$/.exec(line);
    if (resource) resourceType = resource[1];
    else if (line === "}") resourceType = undefined;
    const header = /^( +)([A-Za-z0-9_]+) (\{|= )/.exec(line);
    if (resourceType !== undefined && header) {
      const depth = header[1]!.length / 2 - 1;
      open.length = depth;
      const path = [...open, header[2]!].join(".");
      if (strip.some((a) => a.resourceType === resourceType && a.argument === path)) {
        const opensBlock = header[3] === "{" || /[[{(]$/.test(line);
        if (opensBlock) while (i + 1 < lines.length && !new RegExp(`^${header[1]}[}\\])]+$`).test(lines[i]!)) i++;
        continue;
      }
      if (header[3] === "{") open.push(header[2]!);
    }
    out.push(line);
  }
  return out.join("\n");
}
