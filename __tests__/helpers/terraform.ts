import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AWS_PROVIDER_VERSION } from "../../stacks/pullguard-stack";

/**
 * The real Terraform AWS provider, offline: `terraform init` against a filesystem mirror (or the
 * registry, on a machine with network) and `terraform plan -refresh=false`, which validates first,
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

/** The AWS provider constraint every stack declares: the shared init uses it when no mirror pins a version. */
export const DECLARED_AWS_CONSTRAINT = AWS_PROVIDER_VERSION;

/**
 * Registers what a test file does when terraform or the provider is missing: on a developer's
 * machine one skipped test carrying the reason; under CI=true (which installs terraform) a failing
 * test named `ciTestName`, so nothing is ever silently left unplanned.
 */
export function terraformMissing(line: string, ciTestName = line): void {
  if (process.env.CI === "true") {
    test(ciTestName, () => {
      throw new Error(line);
    });
  } else {
    console.warn(line);
    test.skip(line, () => undefined);
  }
}

/**
 * Finds terraform and the provider and runs the one `terraform init` of the provider that every
 * plan root shares (through its lock file), so the 700 MB provider is hashed once.
 * @param versionConstraint the constraint the stacks declare, used when no mirror pins a version.
 */
export function setUpTerraform(versionConstraint: string): SetupResult {
  const version = spawnSync("terraform", ["version", "-json"], { encoding: "utf8" });
  if (version.error !== undefined || version.status !== 0) return { ok: false, reason: `no terraform binary on PATH; ${HOW_TO_ENABLE}` };
  const terraformVersion = (JSON.parse(version.stdout) as { terraform_version: string }).terraform_version;

  const work = mkdtempSync(join(tmpdir(), "pullguard-tf-"));
  // GOGC=400 (Go's default is 100), for terraform and the provider processes it starts, whose
  // heaps are mostly the provider's schemas, which garbage collection walks again and again.
  // Measured on the plan of every example (6 provider processes): 16.3 CPU-s at 200, 13.7 at 400,
  // for a peak of all terraform processes of 2.4 and 2.9 GB (GOGC=800 saves 0.3 CPU-s more for
  // twice the memory).
  const env: NodeJS.ProcessEnv = { GOGC: "400", ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0", TF_DATA_DIR: join(work, "data") };
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

/** Static fake credentials and the skips that keep the provider from calling AWS. */
export const OFFLINE_PROVIDER: Readonly<Json> = {
  access_key: "AKIAIOSFODNN7EXAMPLE",
  secret_key: "offline-plan-not-a-secret",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
};

export const PLACEHOLDER = "offline-plan-placeholder";

/** One stack as a child module of the plan root: its files and the arguments its call passes. */
export interface StackModule {
  /** Module name: letters, digits, `_` and `-`. */
  readonly module: string;
  /** The root provider configuration (alias) the module is given; the stack's own provider block moves there. */
  readonly provider: string;
  readonly files: Readonly<Record<string, string>>;
  readonly inputs: Readonly<Record<string, string>>;
}

/**
 * A synthesized JSON stack made plannable offline, as a child module: the provider pinned to the
 * installed version, fake static credentials, and nothing that needs AWS (assume_role, profiles,
 * the account check, import blocks, which also only a root module may hold). Returns what the copy
 * could not check, so the test lists it.
 */
export function offlineJsonModule(module: string, stackName: string, stackJson: string, providerVersion: string): { stack: StackModule; provider: Json; unchecked: UncheckedArgument[] } {
  const doc = JSON.parse(stackJson) as Json;
  const unchecked: UncheckedArgument[] = [];

  for (const { resourceType, argument, since } of ARGUMENTS_SINCE) {
    if (versionAtLeast(providerVersion, since)) continue;
    const [block, nested] = argument.includes(".") ? argument.split(".", 2) : [undefined, argument];
    for (const [name, body] of Object.entries((doc.resource?.[resourceType] ?? {}) as Json)) {
      const owners: Json[] = block === undefined ? [body as Json] : ([] as Json[]).concat((body as Json)[block] ?? []);
      const holding = owners.filter((owner) => nested! in owner);
      if (holding.length === 0) continue;
      for (const owner of holding) delete owner[nested!];
      unchecked.push({ stack: stackName, address: `${resourceType}.${name}`, argument, why: `hashicorp/aws ${providerVersion} predates it (${since})` });
    }
  }
  // Importing reads the real object from AWS, which an offline plan cannot do.
  for (const block of (doc.import ?? []) as Json[]) unchecked.push({ stack: stackName, address: String(block.to), argument: "import", why: "reads the existing object from AWS" });
  delete doc.import;
  for (const provider of (doc.provider?.aws ?? []) as Json[]) {
    for (const key of ["assume_role", "profile"]) {
      if (!(key in provider)) continue;
      delete provider[key];
      unchecked.push({ stack: stackName, address: `provider.aws${provider.alias ? `.${provider.alias}` : ""}`, argument: key, why: "needs AWS credentials" });
    }
    delete provider.allowed_account_ids;
    Object.assign(provider, OFFLINE_PROVIDER);
  }
  const providers = (doc.provider?.aws ?? []) as Json[];
  if (providers.length !== 1 || providers[0]!.alias !== undefined) throw new Error(`${stackName}: expected one unaliased aws provider, found ${providers.length}`);
  // The provider block moves to the root, which passes it in: the JSON and HCL copies of a stack share one provider process.
  delete doc.provider;
  // A backend means nothing in a child module (the root's local backend holds the plan's state).
  if (doc.terraform !== undefined) delete doc.terraform.backend;
  if (doc.terraform?.required_providers?.aws !== undefined) doc.terraform.required_providers.aws.version = providerVersion;
  // An ephemeral variable (a write-only credential's TF_VAR_...) has no default by design: plan with a placeholder.
  const inputs: Record<string, string> = {};
  for (const [name, variable] of Object.entries((doc.variable ?? {}) as Json)) {
    if ((variable as Json).ephemeral !== true || "default" in (variable as Json)) continue;
    inputs[name] = PLACEHOLDER;
    unchecked.push({ stack: stackName, address: `var.${name}`, argument: "value", why: "ephemeral (TF_VAR_ at apply time); planned with a placeholder" });
  }
  return { stack: { module, provider: module, files: { "cdk.tf.json": JSON.stringify(doc) }, inputs }, provider: providers[0]!, unchecked };
}

/**
 * A scratch root module that calls every stack as a child module, so one `terraform plan` (with its
 * implied validation) checks them all: terraform loads the provider's schema (about 2.5 s of CPU
 * here, whatever the stack's size) once per command instead of once per stack. Each stack's
 * provider block becomes an aliased root provider passed to its modules, so the JSON and HCL
 * copies of a stack share one provider process.
 */
export function prepareModuleRoot(dir: string, stacks: readonly StackModule[], providers: Readonly<Record<string, Json>>, setup: TerraformSetup): TerraformSetup {
  mkdirSync(dir, { recursive: true });
  for (const stack of stacks) {
    mkdirSync(join(dir, stack.module), { recursive: true });
    for (const [file, text] of Object.entries(stack.files)) writeFileSync(join(dir, stack.module, file), text);
  }
  const modules = Object.fromEntries(stacks.map((s) => [s.module, { source: `./${s.module}`, providers: { aws: `aws.${s.provider}` }, ...s.inputs }]));
  const provider = { aws: Object.entries(providers).map(([alias, config]) => ({ ...config, alias })) };
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "hashicorp/aws", version: setup.providerVersion } }, backend: { local: {} } }, provider, module: modules }));
  copyFileSync(setup.lockFile, join(dir, ".terraform.lock.hcl"));
  // The root's own data directory: init registers its modules there, apart from the shared provider init.
  return { ...setup, env: { ...setup.env, TF_DATA_DIR: join(dir, ".terraform") } };
}

export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  /** The stack module the diagnostic points into, when it names one. */
  readonly module?: string;
}

export interface RootCheck {
  readonly errors: readonly Diagnostic[];
  /** Per stack module: planned resource address (inside the module) -> action. */
  readonly planned: ReadonlyMap<string, Readonly<Record<string, string>>>;
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

function diagnostic(d: Json): Diagnostic {
  const fromFile = /^([^/\\]+)[/\\]/.exec(String(d.range?.filename ?? ""))?.[1];
  const fromAddress = /^module\.([^.]+)\./.exec(String(d.address ?? ""))?.[1];
  const module = fromFile ?? fromAddress;
  return { severity: String(d.severity), summary: String(d.summary), ...(d.detail ? { detail: String(d.detail) } : {}), ...(module ? { module } : {}) };
}

/**
 * `terraform init` (modules only: the provider comes from the shared init), then `terraform plan
 * -refresh=false` as JSON. The plan "includes an implied validation check" (Terraform's
 * `terraform validate` documentation): the same schema and consistency checks, reported as
 * diagnostics before anything is planned, so a separate `terraform validate` would only spend its
 * cost (about a third of this check's CPU) a second time.
 */
export async function checkModuleRoot(dir: string, setup: TerraformSetup): Promise<RootCheck> {
  const init = await run(["init", "-input=false", "-no-color"], dir, setup.env);
  if (init.status !== 0) return { errors: [{ severity: "error", summary: `terraform init of the plan root failed: ${firstError(`${init.stderr}${init.stdout}`)}` }], planned: new Map() };
  const plan = await run(["plan", "-refresh=false", "-lock=false", "-input=false", "-json", "-no-color"], dir, setup.env);
  const planned = new Map<string, Record<string, string>>();
  const errors: Diagnostic[] = [];
  for (const line of plan.stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const message = JSON.parse(line) as Json;
    if (message.type === "diagnostic" && message.diagnostic.severity === "error") errors.push(diagnostic(message.diagnostic));
    if (message.type !== "planned_change") continue;
    const address = String(message.change.resource.addr);
    const inModule = /^module\.([^.]+)\.(.+)$/.exec(address);
    if (!inModule) {
      errors.push({ severity: "error", summary: `planned change outside a stack module: ${address}` });
      continue;
    }
    const stack = planned.get(inModule[1]!) ?? {};
    stack[inModule[2]!] = String(message.change.action);
    planned.set(inModule[1]!, stack);
  }
  if (plan.status !== 0 && errors.length === 0) errors.push({ severity: "error", summary: `terraform plan exited ${plan.status}: ${firstError(plan.stderr)}` });
  return { errors, planned };
}
