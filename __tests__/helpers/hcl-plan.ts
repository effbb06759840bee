import { ARGUMENTS_SINCE, PLACEHOLDER, versionAtLeast, type StackModule } from "./terraform";

/**
 * Every stack's HCL (`cdk.tf`, from `synth --hcl`) as a child module of the HCL plan root
 * (helpers/terraform.ts prepareModuleRoot), planned in one offline `terraform plan` and compared
 * with the JSON copies' plan. A stack's `terraform` block is read in module context, where
 * Terraform ignores a backend (with a warning); `terraform fmt -check` still parses all of it.
 */
export function offlineHclModule(module: string, provider: string, hcl: string, providerVersion: string): StackModule {
  const offline = offlineHcl(withoutArgumentsSince(hcl, providerVersion));
  const override = { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: providerVersion } } } };
  return { module, provider, files: { "cdk.tf": offline.hcl, "zz_offline_override.tf.json": JSON.stringify(override) }, inputs: offline.inputs };
}

/**
 * What offlineJsonModule strips or fills in the JSON copy (and lists there), done to the HCL copy:
 * import blocks (only a root module may hold them, and they read AWS), `assume_role` and `profile`
 * in provider blocks (they need AWS credentials), and a placeholder for each ephemeral variable
 * (a write-only credential's TF_VAR_...), passed as a module argument.
 */
function offlineHcl(hcl: string): { hcl: string; inputs: Record<string, string> } {
  const inputs: Record<string, string> = {};
  for (const match of hcl.matchAll(/^variable "([^"]+)" \{\n((?: {2}.*\n)*?)\}/gm)) {
    if (/^ {2}ephemeral\s+= true$/m.test(match[2]!)) inputs[match[1]!] = PLACEHOLDER;
  }
  const stripped = hcl
    .replace(/^import \{\n(?: {2}.*\n)*\}\n\n?/gm, "")
    // The root passes the JSON copy's provider in (one provider process per stack for both formats).
    .replace(/^provider "aws" \{\n(?:.*\n)*?\}\n\n?/gm, "");
  return { hcl: stripped, inputs };
}

/**
 * The HCL counterpart of what offlineJsonModule strips from the JSON copy: arguments the
 * installed provider predates (ARGUMENTS_SINCE), removed from the planned copy only and listed by
 * the JSON check. It relies on the writer's fmt-canonical layout: a resource's arguments at two
 * spaces, a nested block's at four, each block or multi-line value closed at its own indentation.
 */
function withoutArgumentsSince(hcl: string, providerVersion: string): string {
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
