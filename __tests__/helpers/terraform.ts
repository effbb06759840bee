import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The real Terraform AWS provider, offline: `terraform init` against a filesystem mirror (or the
 * registry, on a machine with network), `terraform validate`, and `terraform plan -refresh=false`
 * with fake static credentials. Every run happens in temporary directories, on copies of the
 * synthesized stacks; the user's cdktf.out and state are never touched.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const mirror = require("../../scripts/terraform-mirror.js") as {
  findProviderMirror(): { mirror: string; version: string } | undefined;
  providerVersionIn(dir: string): string | undefined;
  writeCliConfig(mirror: string): string;
};

/**
 * Arguments the provider in use may not know yet: the stacks are written for AWS provider 6.x and
 * the machine's mirror may hold an older one. Each is removed from the planned copy only when the
 * provider predates it, and listed by the test as not checked, never dropped silently. tsc checks
 * them against the 6.x bindings' types instead.
 */
export const ARGUMENTS_SINCE: ReadonlyArray<{ readonly resourceType: string; readonly argument: string; readonly since: string }> = [
  // ECS deployment strategies: BLUE_GREEN in 6.4.0, LINEAR and CANARY in 6.21.0 (aws-facts.md).
  { resourceType: "aws_ecs_service", argument: "deployment_configuration", since: "6.4.0" },
  // Nested in each load_balancer block (`block.argument`): the blue/green target group and listener rules.
  { resourceType: "aws_ecs_service", argument: "load_balancer.advanced_configuration", since: "6.4.0" },
];

export interface UncheckedArgument {
  readonly stack: string;
  readonly address: string;
  readonly argument: string;
  readonly why: string;
}

export interface TerraformSetup {
  readonly terraformVersion: string;
  readonly providerVersion: string;
  /** Where the provider came from, for the summary line. */
  readonly source: string;
  readonly env: NodeJS.ProcessEnv;
  /** Lock file written by the one shared `terraform init`, copied into every stack. */
  readonly lockFile: string;
}

export type SetupResult = { readonly ok: true; readonly setup: TerraformSetup } | { readonly ok: false; readonly reason: string };

const HOW_TO_ENABLE =
  "install terraform >= 1.11 and make hashicorp/aws installable (network, TF_CLI_CONFIG_FILE with a filesystem_mirror, or a mirror in one of Terraform's implied mirror directories)";

function firstError(output: string): string {
  return (output.split("\n").find((l) => /Error:/.test(l)) ?? "failed").replace(/[│╷╵]/g, "").trim();
}

/** Version tuple comparison for provider versions like 5.100.0 and 6.25.0. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(".").map((p) => Number.parseInt(p, 10) || 0);
  const b = minimum.split(".").map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/**
 * Finds terraform and the provider and runs the one `terraform init` every stack shares (through
 * TF_DATA_DIR), so the 700 MB provider is hashed once, not once per stack.
 * @param versionConstraint the constraint the stacks declare, used when no mirror pins a version.
 */
export function setUpTerraform(versionConstraint: string): SetupResult {
  const version = spawnSync("terraform", ["version", "-json"], { encoding: "utf8" });
  if (version.error !== undefined || version.status !== 0) return { ok: false, reason: `no terraform binary on PATH; ${HOW_TO_ENABLE}` };
  const terraformVersion = (JSON.parse(version.stdout) as { terraform_version: string }).terraform_version;

  const work = mkdtempSync(join(tmpdir(), "pullguard-tf-"));
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0", TF_DATA_DIR: join(work, "data") };
  // A TF_CLI_CONFIG_FILE that names no file is as good as none (terraform only warns about it).
  const cliConfig = process.env.TF_CLI_CONFIG_FILE;
  let source = "TF_CLI_CONFIG_FILE";
  let pinned: string | undefined;
  if (cliConfig !== undefined && existsSync(cliConfig)) {
    const declared = /filesystem_mirror\s*{[^}]*path\s*=\s*"([^"]+)"/.exec(readFileSync(cliConfig, "utf8"));
    pinned = declared?.[1] === undefined ? undefined : mirror.providerVersionIn(declared[1]);
  } else {
    const found = mirror.findProviderMirror();
    if (found !== undefined) {
      env.TF_CLI_CONFIG_FILE = mirror.writeCliConfig(found.mirror);
      source = "a filesystem mirror";
      pinned = found.version;
    } else {
      delete env.TF_CLI_CONFIG_FILE;
      source = "the registry";
    }
  }

  const template = join(work, "template");
  mkdirSync(template, { recursive: true });
  writeFileSync(join(template, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: pinned ?? versionConstraint } }, backend: { local: {} } } }));
  const init = spawnSync("terraform", ["init", "-input=false", "-no-color"], { cwd: template, env, encoding: "utf8" });
  if (init.status !== 0) return { ok: false, reason: `terraform init cannot install hashicorp/aws from ${source} (${firstError(`${init.stderr}${init.stdout}`)}); ${HOW_TO_ENABLE}` };
  const lock = readFileSync(join(template, ".terraform.lock.hcl"), "utf8");
  const providerVersion = /version\s*=\s*"([^"]+)"/.exec(lock)?.[1] ?? "unknown";
  return { ok: true, setup: { terraformVersion, providerVersion, source, env, lockFile: join(template, ".terraform.lock.hcl") } };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/**
 * Copies one synthesized stack to a scratch directory, ready for an offline plan: the provider
 * pinned to the installed version, state local, fake static credentials, and nothing that needs
 * AWS (assume_role, profiles, the account check). Returns what the copy could not check.
 */
export function prepareOfflineStack(stackName: string, stackJson: string, workRoot: string, setup: TerraformSetup): { dir: string; unchecked: UncheckedArgument[] } {
  const dir = join(workRoot, stackName);
  mkdirSync(dir, { recursive: true });
  const doc = JSON.parse(stackJson) as Json;
  const unchecked: UncheckedArgument[] = [];

  for (const { resourceType, argument, since } of ARGUMENTS_SINCE) {
    if (versionAtLeast(setup.providerVersion, since)) continue;
    const [block, nested] = argument.includes(".") ? argument.split(".", 2) : [undefined, argument];
    for (const [name, body] of Object.entries((doc.resource?.[resourceType] ?? {}) as Json)) {
      const owners: Json[] = block === undefined ? [body as Json] : ([] as Json[]).concat((body as Json)[block] ?? []);
      const holding = owners.filter((owner) => nested! in owner);
      if (holding.length === 0) continue;
      for (const owner of holding) delete owner[nested!];
      unchecked.push({ stack: stackName, address: `${resourceType}.${name}`, argument, why: `hashicorp/aws ${setup.providerVersion} predates it (${since})` });
    }
  }
  // Importing reads the real object from AWS, which an offline plan cannot do.
  for (const block of (doc.import ?? []) as Json[]) unchecked.push({ stack: stackName, address: String(block.to), argument: "import", why: "reads the existing object from AWS" });
  delete doc.import;
  for (const provider of ((doc.provider?.aws ?? []) as Json[])) {
    for (const key of ["assume_role", "profile"]) {
      if (!(key in provider)) continue;
      delete provider[key];
      unchecked.push({ stack: stackName, address: `provider.aws${provider.alias ? `.${provider.alias}` : ""}`, argument: key, why: "needs AWS credentials" });
    }
  }
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(doc));
  writeFileSync(join(dir, "zz_offline_override.tf.json"), JSON.stringify(offlineOverride(setup.providerVersion, doc)));
  copyFileSync(setup.lockFile, join(dir, ".terraform.lock.hcl"));
  return { dir, unchecked };
}

/** An override file (plain Terraform semantics) that makes a stack plannable without AWS. */
export function offlineOverride(providerVersion: string, doc?: Json): Json {
  const fake = {
    access_key: "AKIAIOSFODNN7EXAMPLE",
    secret_key: "offline-plan-not-a-secret",
    allowed_account_ids: null,
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
  };
  const aliases = ((doc?.provider?.aws ?? [{}]) as Json[]).map((p) => (p.alias ? { alias: p.alias, ...fake } : fake));
  return {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: providerVersion } }, backend: { local: {} } },
    provider: { aws: aliases },
  };
}

export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
}

export interface StackCheck {
  readonly stack: string;
  readonly valid: boolean;
  readonly validateErrors: readonly Diagnostic[];
  readonly planErrors: readonly Diagnostic[];
  /** Planned resource address -> action (create, update, delete, import, ...). */
  readonly planned: Readonly<Record<string, string>>;
}

function run(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("terraform", args, { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** `terraform validate` then `terraform plan -refresh=false`, both as JSON, in a prepared directory. */
export async function validateAndPlan(stack: string, dir: string, setup: TerraformSetup): Promise<StackCheck> {
  const validate = await run(["validate", "-json", "-no-color"], dir, setup.env);
  let valid = false;
  let validateErrors: Diagnostic[] = [{ severity: "error", summary: `terraform validate printed no JSON: ${firstError(validate.stderr)}` }];
  try {
    const result = JSON.parse(validate.stdout) as { valid: boolean; diagnostics: Diagnostic[] };
    valid = result.valid;
    validateErrors = result.diagnostics.filter((d) => d.severity === "error").map(({ severity, summary, detail }) => ({ severity, summary, ...(detail ? { detail } : {}) }));
  } catch {
    // keep the fallback error above
  }
  if (!valid) return { stack, valid, validateErrors, planErrors: [], planned: {} };
  return { stack, valid, validateErrors, ...(await planOffline(dir, setup)) };
}

/** `terraform plan -refresh=false` alone; it validates the configuration first and fails on what validate would reject. */
export async function planOffline(dir: string, setup: TerraformSetup): Promise<Pick<StackCheck, "planErrors" | "planned">> {
  const plan = await run(["plan", "-refresh=false", "-lock=false", "-input=false", "-json", "-no-color"], dir, setup.env);
  const planned: Record<string, string> = {};
  const planErrors: Diagnostic[] = [];
  for (const line of plan.stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const message = JSON.parse(line) as Json;
    if (message.type === "planned_change") planned[message.change.resource.addr as string] = message.change.action as string;
    if (message.type === "diagnostic" && message.diagnostic.severity === "error") planErrors.push({ severity: "error", summary: message.diagnostic.summary, ...(message.diagnostic.detail ? { detail: message.diagnostic.detail } : {}) });
  }
  if (plan.status !== 0 && planErrors.length === 0) planErrors.push({ severity: "error", summary: `terraform plan exited ${plan.status}: ${firstError(plan.stderr)}` });
  return { planErrors, planned };
}

/** Runs tasks with at most `limit` in flight (terraform is CPU-bound; the machine has 2 cores). */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
