import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { byModule, hclRootSetup, prepareHclRoot, withoutArgumentsSince, type HclStack } from "./helpers/hcl-plan";
import { inBatches, planOffline, prepareOfflineStack, setUpTerraform, validateAndPlan, type StackCheck, type UncheckedArgument } from "./helpers/terraform";

/**
 * Every stack of the embedded example and of every config under config/examples/, synthesized by the
 * real app, then `terraform validate` and an offline `terraform plan -refresh=false` with the real
 * hashicorp/aws provider. On a machine without terraform or the provider this says, in one line,
 * what was not checked and how to enable it; under CI (CI=true) that is a failure.
 *
 * The same stacks synthesized as HCL (`SYNTH_HCL_OUTPUT=true`, what `synth --hcl` sets) are planned
 * too, all in one plan (helpers/hcl-plan.ts), and must plan exactly the JSON's resources with the
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

/** The constraint every stack declares; the shared init uses it when no mirror pins a version. */
const DECLARED_AWS_CONSTRAINT = "~> 6.25";

const available = setUpTerraform(DECLARED_AWS_CONSTRAINT);
if (!available.ok) {
  const line = `terraform plan NOT run, no stack was validated or planned by the real provider: ${available.reason}`;
  if (process.env.CI === "true") {
    test("CI plans every stack with the real provider", () => {
      throw new Error(line);
    });
  } else {
    console.warn(line);
    test.skip(line, () => undefined);
  }
} else {
  const setup = available.setup;
  jest.setTimeout(600_000);
  const work = mkdtempSync(join(tmpdir(), "pullguard-plan-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  interface ConfigResult {
    readonly synthExit: number | null;
    readonly synthStderr: string;
    readonly stacks: ReadonlyArray<StackCheck & { readonly declared: readonly string[] }>;
  }
  const results = new Map<string, ConfigResult>();
  /** Per config and stack: the HCL copy's synth result and plan, compared with the JSON plan. */
  const hclResults = new Map<string, { synthExit: number | null; synthStderr: string; stacks: Map<string, Record<string, string>> }>();
  let hclPlanErrors: StackCheck["planErrors"] = [];
  let hclUnformatted = "";
  const unchecked: UncheckedArgument[] = [];

  beforeAll(async () => {
    const jobs: Array<{ config: string; stack: string; dir: string; declared: string[] }> = [];
    const hclStacks: Array<HclStack & { config: string; stack: string }> = [];
    configs.forEach((config, index) => {
      const outdir = join(work, `out-${index}`);
      const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
      if (config.file === undefined) delete env.PULLGUARD_CONFIG;
      else env.PULLGUARD_CONFIG = config.file;
      const synth = spawnSync(process.execPath, [join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
      results.set(config.name, { synthExit: synth.status, synthStderr: synth.stderr, stacks: [] });
      const stacksDir = join(outdir, "stacks");
      if (synth.status !== 0 || !existsSync(stacksDir)) return;
      for (const stack of readdirSync(stacksDir).sort()) {
        const text = readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8");
        const prepared = prepareOfflineStack(stack, text, join(work, `plan-${index}`), setup);
        unchecked.push(...prepared.unchecked.map((u) => ({ ...u, stack: `${config.name}: ${u.stack}` })));
        jobs.push({ config: config.name, stack, dir: prepared.dir, declared: declaredResources(text) });
      }
      const hclOutdir = join(work, `out-hcl-${index}`);
      const hclSynth = spawnSync(process.execPath, [join(root, "scripts", "app.js")], { cwd: root, env: { ...env, CDKTF_OUTDIR: hclOutdir, SYNTH_HCL_OUTPUT: "true" }, encoding: "utf8" });
      hclResults.set(config.name, { synthExit: hclSynth.status, synthStderr: hclSynth.stderr, stacks: new Map() });
      const hclDir = join(hclOutdir, "stacks");
      if (hclSynth.status !== 0 || !existsSync(hclDir)) return;
      for (const stack of readdirSync(hclDir).sort()) {
        hclStacks.push({ config: config.name, stack, module: `config${index}_${stack}`, hcl: withoutArgumentsSince(readFileSync(join(hclDir, stack, "cdk.tf"), "utf8"), setup.providerVersion) });
      }
      hclUnformatted += spawnSync("terraform", ["fmt", "-check", "-recursive", "-list=true", hclDir], { env: setup.env, encoding: "utf8" }).stdout;
    });
    const hclRoot = prepareHclRoot(hclStacks, join(work, "plan-hcl"), setup);
    const hclSetup = hclRootSetup(hclRoot, setup);
    const planHcl = async () => {
      const init = spawnSync("terraform", ["init", "-input=false", "-no-color"], { cwd: hclRoot, env: hclSetup.env, encoding: "utf8" });
      if (init.status !== 0) return { planErrors: [{ severity: "error", summary: `terraform init of the HCL root failed: ${init.stderr}` }], planned: {} };
      return planOffline(hclRoot, hclSetup);
    };
    // The HCL plan is the longest single run: it goes first, in the same two-at-a-time pool.
    let hclPlan: Awaited<ReturnType<typeof planHcl>> = { planErrors: [], planned: {} };
    const tasks: Array<() => Promise<void>> = [async () => void (hclPlan = await planHcl())];
    const checks: Array<{ job: (typeof jobs)[number]; check: StackCheck }> = [];
    for (const job of jobs) tasks.push(async () => void checks.push({ job, check: await validateAndPlan(job.stack, job.dir, setup) }));
    await inBatches(tasks, 2, (task) => task());
    checks.sort((a, b) => jobs.indexOf(a.job) - jobs.indexOf(b.job));
    hclPlanErrors = hclPlan.planErrors;
    const hclByModule = byModule(hclPlan.planned);
    for (const s of hclStacks) hclResults.get(s.config)!.stacks.set(s.stack, hclByModule.get(s.module) ?? {});
    for (const { job, check } of checks) {
      const result = results.get(job.config)!;
      results.set(job.config, { ...result, stacks: [...result.stacks, { ...check, declared: job.declared }] });
    }
    const planned = checks.length;
    const uncheckedLines = unchecked.map((u) => `  ${u.stack} ${u.address} ${u.argument}: ${u.why}`);
    console.log(
      [
        `terraform ${setup.terraformVersion} with hashicorp/aws ${setup.providerVersion} (from ${setup.source}): ${planned} stacks of ${configs.length} configs validated and planned offline`,
        uncheckedLines.length === 0 ? "every argument was checked by the provider" : `not checked by this provider (${uncheckedLines.length}):\n${uncheckedLines.join("\n")}`,
      ].join("\n"),
    );
  });

  test("a stack the provider rejects fails the check (the harness can fail)", async () => {
    const broken = JSON.stringify({
      terraform: { required_providers: { aws: { source: "hashicorp/aws", version: DECLARED_AWS_CONSTRAINT } } },
      provider: { aws: [{ region: "us-east-1" }] },
      resource: { aws_sns_topic: { alerts: { name: "alerts", not_an_argument: true } } },
    });
    const prepared = prepareOfflineStack("broken", broken, join(work, "broken"), setup);
    const check = await validateAndPlan("broken", prepared.dir, setup);
    expect(check.valid).toBe(false);
    expect(check.validateErrors.map((d) => d.summary)).toEqual(["Extraneous JSON object property"]);
  });

  test.each(configs.map((c) => c.name))("%s: every stack validates and plans with the real provider", (name) => {
    const result = results.get(name)!;
    expect({ exit: result.synthExit, stderr: result.synthStderr }).toEqual({ exit: 0, stderr: expect.not.stringContaining("error") });
    expect(result.stacks.length).toBeGreaterThan(0);
    for (const stack of result.stacks) {
      expect({ stack: stack.stack, valid: stack.valid, validateErrors: stack.validateErrors, planErrors: stack.planErrors }).toEqual({
        stack: stack.stack,
        valid: true,
        validateErrors: [],
        planErrors: [],
      });
      // Every resource the stack declares is planned, and nothing else: the plan is of the whole stack.
      const plannedResources = [...new Set(Object.keys(stack.planned).map((a) => a.replace(/\[[^\]]*\]$/, "")))].sort();
      expect({ stack: stack.stack, planned: plannedResources }).toEqual({ stack: stack.stack, planned: stack.declared });
      expect({ stack: stack.stack, actions: [...new Set(Object.values(stack.planned))] }).toEqual({ stack: stack.stack, actions: ["create"] });
    }
  });

  test.each(configs.map((c) => c.name))("%s: the HCL of every stack plans the same resources and actions as its JSON", (name) => {
    const hcl = hclResults.get(name)!;
    expect({ exit: hcl.synthExit, stderr: hcl.synthStderr }).toEqual({ exit: 0, stderr: expect.not.stringContaining("error") });
    const json = results.get(name)!.stacks;
    expect([...hcl.stacks.keys()]).toEqual(json.map((s) => s.stack));
    expect({ hclPlanErrors, hclUnformatted }).toEqual({ hclPlanErrors: [], hclUnformatted: "" });
    for (const stack of json) {
      expect(Object.keys(stack.planned).length).toBeGreaterThan(0);
      expect({ stack: stack.stack, planned: sortedEntries(hcl.stacks.get(stack.stack)!) }).toEqual({ stack: stack.stack, planned: sortedEntries(stack.planned) });
    }
  });

  test("the HCL plan sees the image tag variable inside the container definitions (an address both formats share)", () => {
    const planned = hclResults.get("embedded example")!.stacks.get("prod-us-east-1")!;
    expect(planned["aws_ecs_task_definition.service-orders_task-definition_2FCC2B8E"]).toBe("create");
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
