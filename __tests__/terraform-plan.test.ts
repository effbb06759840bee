import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { offlineHclModule } from "./helpers/hcl-plan";
import { checkModuleRoot, DECLARED_AWS_CONSTRAINT, offlineJsonModule, prepareModuleRoot, setUpTerraform, terraformMissing, type RootCheck, type StackModule, type UncheckedArgument } from "./helpers/terraform";

/**
 * Every stack of the embedded example and of every config under config/examples/, synthesized by the
 * real app, then an offline `terraform plan -refresh=false` (which runs Terraform's validation
 * first) with the real hashicorp/aws provider. Every stack is a child module of one scratch root (helpers/terraform.ts),
 * so terraform loads the provider schema once per command, not once per stack. On a machine without terraform or the provider this says, in one line,
 * what was not checked and how to enable it; under CI (CI=true) that is a failure.
 *
 * The same stacks synthesized as HCL (`SYNTH_HCL_OUTPUT=true`, what `synth --hcl` sets) are planned
 * too, as modules of the same root (helpers/hcl-plan.ts), and must plan exactly the JSON's resources with the
 * same actions (docs/hcl.md).
 */
const root = resolve(__dirname, "..");
const examplesDir = join(root, "config", "examples");
const configs: ReadonlyArray<{ name: string; file?: string }> = [
  { name: "embedded example" },
  ...readdirSync(examplesDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ name: f, file: join(examplesDir, f) })),
];

const available = setUpTerraform(DECLARED_AWS_CONSTRAINT);
if (!available.ok) {
  terraformMissing(`terraform plan NOT run, no stack was validated or planned by the real provider: ${available.reason}`, "CI plans every stack with the real provider");
} else {
  const setup = available.setup;
  jest.setTimeout(600_000);
  const work = mkdtempSync(join(tmpdir(), "pullguard-plan-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  interface StackResult {
    readonly stack: string;
    readonly module: string;
    /** The root provider alias its module is given (shared by the stacks whose provider configurations differ only in default tags). */
    readonly provider: string;
    /** Managed resource addresses the synthesized JSON declares. */
    readonly declared: readonly string[];
  }
  interface ConfigResult {
    readonly synthExit: number | null;
    readonly synthStderr: string;
    readonly hclSynthExit: number | null;
    readonly hclSynthStderr: string;
    readonly stacks: readonly StackResult[];
    readonly hclStacks: readonly StackResult[];
  }
  const results = new Map<string, ConfigResult>();
  let checked: RootCheck = { errors: [], planned: new Map() };
  let hclUnformatted = "";
  const unchecked: UncheckedArgument[] = [];

  const synth = (config: (typeof configs)[number], outdir: string, extra: NodeJS.ProcessEnv = {}) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, ...extra };
    if (config.file === undefined) delete env.PULLGUARD_CONFIG;
    else env.PULLGUARD_CONFIG = config.file;
    const run = spawnSync(process.execPath, [join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
    const stacksDir = join(outdir, "stacks");
    return { run, stacks: run.status === 0 && existsSync(stacksDir) ? readdirSync(stacksDir).sort() : [], stacksDir };
  };

  beforeAll(async () => {
    const modules: StackModule[] = [];
    const providers: Record<string, Record<string, unknown>> = {};
    // Stacks whose offline provider configurations differ only in their default tags (every stack
    // in one Region with the same settings) share one root provider, so one provider process in
    // each of the plan's walks: each costs about 0.5 CPU-s whatever it plans, and 32 configurations
    // cost twice the CPU of 6. The shared configuration carries the first stack's default tags; the
    // others' are plain strings (unit tests check them; config-injection plans each stack's own).
    const aliasOf = new Map<string, string>();
    const sharedKey = (provider: Record<string, unknown>) => JSON.stringify({ ...provider, default_tags: undefined });
    const hclDirs: string[] = [];
    configs.forEach((config, index) => {
      const fromJson = synth(config, join(work, `out-${index}`));
      const stacks = fromJson.stacks.map((stack) => {
        const text = readFileSync(join(fromJson.stacksDir, stack, "cdk.tf.json"), "utf8");
        const offline = offlineJsonModule(`c${index}_${stack}`, stack, text, setup.providerVersion);
        unchecked.push(...offline.unchecked.map((u) => ({ ...u, stack: `${config.name}: ${u.stack}` })));
        const key = sharedKey(offline.provider);
        const alias = aliasOf.get(key) ?? offline.stack.provider;
        if (!aliasOf.has(key)) providers[alias] = offline.provider;
        aliasOf.set(key, alias);
        modules.push({ ...offline.stack, provider: alias });
        return { stack, module: offline.stack.module, provider: alias, declared: declaredResources(text) };
      });
      const fromHcl = synth(config, join(work, `out-hcl-${index}`), { SYNTH_HCL_OUTPUT: "true" });
      const hclStacks = fromHcl.stacks.map((stack) => {
        const provider = stacks.find((s) => s.stack === stack)?.provider ?? `c${index}_${stack}`;
        const module = offlineHclModule(`c${index}_${stack}_hcl`, provider, readFileSync(join(fromHcl.stacksDir, stack, "cdk.tf"), "utf8"), setup.providerVersion);
        modules.push(module);
        return { stack, module: module.module, provider, declared: [] };
      });
      if (fromHcl.stacks.length > 0) hclDirs.push(fromHcl.stacksDir);
      results.set(config.name, { synthExit: fromJson.run.status, synthStderr: fromJson.run.stderr, hclSynthExit: fromHcl.run.status, hclSynthStderr: fromHcl.run.stderr, stacks, hclStacks });
    });
    // One `terraform fmt` over every config's HCL (it takes several targets), not one per config.
    if (hclDirs.length > 0) hclUnformatted = spawnSync("terraform", ["fmt", "-check", "-recursive", "-list=true", ...hclDirs], { env: setup.env, encoding: "utf8" }).stdout;
    const dir = join(work, "root");
    checked = await checkModuleRoot(dir, prepareModuleRoot(dir, modules, providers, setup));
    const jsonCount = modules.filter((m) => !m.module.endsWith("_hcl")).length;
    const uncheckedLines = unchecked.map((u) => `  ${u.stack} ${u.address} ${u.argument}: ${u.why}`);
    console.log(
      [
        `terraform ${setup.terraformVersion} with hashicorp/aws ${setup.providerVersion} (from ${setup.source}): ${jsonCount} stacks of ${configs.length} configs validated and planned offline, as JSON and as HCL, through ${Object.keys(providers).length} provider configurations (one per Region and settings; default tags from the first stack of each)`,
        uncheckedLines.length === 0 ? "every argument was checked by the provider" : `not checked by this provider (${uncheckedLines.length}):\n${uncheckedLines.join("\n")}`,
      ].join("\n"),
    );
  });

  test("a stack the provider rejects fails the check, and the error names its stack (the harness can fail)", async () => {
    const broken = JSON.stringify({
      terraform: { required_providers: { aws: { source: "hashicorp/aws", version: DECLARED_AWS_CONSTRAINT } } },
      provider: { aws: [{ region: "us-east-1" }] },
      resource: { aws_sns_topic: { alerts: { name: "alerts", not_an_argument: true } } },
    });
    const offline = offlineJsonModule("broken_stack", "broken", broken, setup.providerVersion);
    const dir = join(work, "root-broken");
    const check = await checkModuleRoot(dir, prepareModuleRoot(dir, [offline.stack], { [offline.stack.provider]: offline.provider }, setup));
    expect(check.errors.map((d) => [d.module, d.summary])).toEqual([["broken_stack", "Extraneous JSON object property"]]);
  });

  test("no error outside a stack", () => {
    expect(checked.errors.filter((e) => e.module === undefined)).toEqual([]);
  });

  test.each(configs.map((c) => c.name))("%s: every stack validates and plans with the real provider", (name) => {
    const result = results.get(name)!;
    expect({ exit: result.synthExit, stderr: result.synthStderr }).toEqual({ exit: 0, stderr: expect.not.stringContaining("error") });
    expect(result.stacks.length).toBeGreaterThan(0);
    for (const stack of result.stacks) {
      expect({ stack: stack.stack, errors: checked.errors.filter((e) => e.module === stack.module) }).toEqual({ stack: stack.stack, errors: [] });
      // Every resource the stack declares is planned, and nothing else: the plan is of the whole stack.
      const planned = checked.planned.get(stack.module) ?? {};
      const plannedResources = [...new Set(Object.keys(planned).map((a) => a.replace(/\[[^\]]*\]$/, "")))].sort();
      expect({ stack: stack.stack, planned: plannedResources }).toEqual({ stack: stack.stack, planned: stack.declared });
      expect({ stack: stack.stack, actions: [...new Set(Object.values(planned))] }).toEqual({ stack: stack.stack, actions: ["create"] });
    }
  });

  test.each(configs.map((c) => c.name))("%s: the HCL of every stack plans the same resources and actions as its JSON", (name) => {
    const result = results.get(name)!;
    expect({ exit: result.hclSynthExit, stderr: result.hclSynthStderr }).toEqual({ exit: 0, stderr: expect.not.stringContaining("error") });
    expect(result.hclStacks.map((s) => s.stack)).toEqual(result.stacks.map((s) => s.stack));
    expect(hclUnformatted).toBe("");
    for (const [stack, hcl] of result.stacks.map((s, i) => [s, result.hclStacks[i]!] as const)) {
      expect({ stack: stack.stack, errors: checked.errors.filter((e) => e.module === hcl.module) }).toEqual({ stack: stack.stack, errors: [] });
      const fromJson = checked.planned.get(stack.module) ?? {};
      expect(Object.keys(fromJson).length).toBeGreaterThan(0);
      expect({ stack: stack.stack, planned: sortedEntries(checked.planned.get(hcl.module) ?? {}) }).toEqual({ stack: stack.stack, planned: sortedEntries(fromJson) });
    }
  });

  test("the HCL plan sees the image tag variable inside the container definitions (an address both formats share)", () => {
    const embedded = results.get("embedded example")!.stacks.find((s) => s.stack === "prod-us-east-1")!;
    expect(checked.planned.get(`${embedded.module}_hcl`)?.["aws_ecs_task_definition.service-orders_task-definition_2FCC2B8E"]).toBe("create");
  });
}

function sortedEntries(record: Readonly<Record<string, string>>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Addresses of the managed resources a synthesized stack declares. */
function declaredResources(stackJson: string): string[] {
  const resource = ((JSON.parse(stackJson) as { resource?: Record<string, Record<string, unknown>> }).resource ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(resource)
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}
