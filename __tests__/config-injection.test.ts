import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseConfig } from "../config/load";
import { planPlatform } from "../core/plan";
import { offlineHclModule } from "./helpers/hcl-plan";
import { inject, injectionBase, locate, numberFields, stringFields, type Raw, type StringField } from "./helpers/injection-config";
import { plannedStrings } from "./helpers/planned-values";
import { DECLARED_AWS_CONSTRAINT, offlineJsonModule, prepareModuleRoot, setUpTerraform, terraformMissing, type StackModule } from "./helpers/terraform";

/**
 * Nothing a config says is evaluated by Terraform (docs/security.md). Every string field of the
 * schema, enumerated from config/pullguard.schema.json, gets Terraform template sequences and a
 * forged cdktf token marker: either the config is refused at that field's path, or the real
 * provider's `terraform plan` of the JSON and the HCL output holds the text exactly as written.
 * All accepted payloads go into one config, planned in one terraform run.
 */

const root = resolve(__dirname, "..");
const payload = (n: number) => `pg${n}: \${file("/etc/hostname")} %{if true}x%{endif} \${PORT} $\${esc} %%{d} \${TfToken[TOKEN.1]} -8.109562212591379e+298 $`;
const tagOf = (n: number) => `pg${n}: `;
/** The shell health check of issue 19: plain shell syntax, planned as written. */
const SHELL_CHECK = "curl -fsS http://localhost:${PORT}/ || exit 1";

interface Verdict {
  readonly field: StringField;
  readonly n: number;
  readonly outcome: "refused" | "accepted" | "constrained";
  readonly configPath?: string;
  readonly problem?: string;
}

/** One field, one payload, in memory: refused (at which path) or accepted. */
function judge(field: StringField, n: number): Verdict {
  const config = injectionBase();
  const location = locate(config, field.path);
  if (location === undefined) {
    if (field.constraint === "free") throw new Error(`${field.path}: free text the injection base lacks; add it to __tests__/helpers/injection-config.ts`);
    return { field, n, outcome: "constrained" };
  }
  inject(location, payload(n));
  // A key is quoted in messages by its first 80 characters only (long values are cut): the path a
  // refusal names starts with those.
  const configPath = location.isKey ? `${location.configPath.slice(0, location.configPath.length - String(location.key).length)}${payload(n).slice(0, 80)}` : location.configPath;
  const parsed = parseConfig(config);
  if (!parsed.ok) return { field, n, outcome: "refused", configPath, problem: parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n") };
  const errors = planPlatform(parsed.config).findings.filter((f) => f.level === "error");
  if (errors.length > 0) return { field, n, outcome: "refused", configPath, problem: errors.map((e) => `${e.path}: ${e.message}`).join("\n") };
  return { field, n, outcome: "accepted", configPath };
}

const fields = stringFields();
const verdicts = fields.map((field, n) => judge(field, n));
const accepted = verdicts.filter((v) => v.outcome === "accepted");

test("the schema's string fields are enumerated, free text among them", () => {
  // The test's own count of config/pullguard.schema.json when last updated (its log line); more is fine.
  expect(fields.length).toBeGreaterThanOrEqual(264);
  expect(fields.filter((f) => f.constraint === "free").length).toBeGreaterThanOrEqual(49);
  expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(["environments.*.services.*.environment.*", "environments.*.services.*.healthCheck.command[]", "environments.*.services.*.taskRole.statements[].resources[]", "accounts.*.registry.registryPolicyStatements[].Condition.*.*[]", "environments.*.services.*.deployment.alarms.names[]", "environments.*.regions.*.services.*.deployment.alarms.names[]", "accounts.*.registry.regions.<key>"]));
});

test("no config number can be a cdktf number token: every number field has a lower bound far above them", () => {
  const numbers = numberFields();
  expect(numbers.length).toBeGreaterThan(20);
  // cdktf's number tokens are doubles tagged 0xfdff or 0xfbff in their top 16 bits: all below -1e288.
  expect(numbers.filter((f) => f.minimum === undefined || f.minimum < -1e280)).toEqual([]);
});

test.each(verdicts.filter((v) => v.outcome === "refused").map((v) => [v.field.path, v] as const))("%s: refused at its own path", (_path, verdict) => {
  expect(verdict.problem!.split("\n").some((line) => line.startsWith(verdict.configPath!))).toBe(true);
});

test.each(verdicts.filter((v) => v.outcome === "constrained").map((v) => [v.field.path, v.field] as const))("%s: its schema constraint refuses every payload", (_path, field) => {
  for (const text of [payload(0), "${x}", "%{x}", "${TfToken[TOKEN.1]}"]) {
    if (field.constraint === "pattern") expect(new RegExp(field.pattern!, "u").test(text)).toBe(false);
    else expect(field.values).not.toContain(text);
  }
});

/** Every accepted payload at once, plus the shell health check, in one config. */
function combinedConfig(): Raw {
  const config = injectionBase();
  for (const v of accepted) inject(locate(config, v.field.path)!, payload(v.n));
  config.environments.prod.services.shell = { image: "nginx:1.27.3", desiredCount: 1, healthCheck: { command: ["CMD-SHELL", SHELL_CHECK] } };
  return config;
}

test("accepted payloads plan together: the combined config is valid", () => {
  const parsed = parseConfig(combinedConfig());
  expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  // The examples are among the accepted fields.
  expect(accepted.map((v) => v.field.path)).toEqual(
    expect.arrayContaining(["environments.*.services.*.environment.*", "environments.*.services.*.command[]", "environments.*.services.*.entryPoint[]", "environments.*.services.*.healthCheck.command[]", "environments.*.services.*.sidecars.*.healthCheck.command[]", "environments.*.services.*.taskRole.statements[].resources[]", "environments.*.services.*.deployment.alarms.names[]", "environments.*.regions.*.services.*.deployment.alarms.names[]", "accounts.*.registry.registryPolicyStatements[].Resource[]", "accounts.*.registry.registryPolicyStatements[].Condition.*.<key>"]),
  );
});

const available = setUpTerraform(DECLARED_AWS_CONSTRAINT);
if (!available.ok) {
  terraformMissing(`config injection NOT planned by terraform: ${available.reason}`, "CI plans the injected config with the real provider");
} else {
  const setup = available.setup;
  jest.setTimeout(600_000);
  const work = mkdtempSync(join(tmpdir(), "pullguard-injection-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const configFile = join(work, "injection.json");
  const synth = (outdir: string, extra: NodeJS.ProcessEnv = {}) => {
    const run = spawnSync(process.execPath, [join(root, "scripts", "app.js")], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir, PULLGUARD_CONFIG: configFile, ...extra }, encoding: "utf8" });
    const dir = join(outdir, "stacks");
    return { run, dir, stacks: existsSync(dir) ? readdirSync(dir).sort() : [] };
  };
  let json: ReturnType<typeof synth>;
  let hcl: ReturnType<typeof synth>;
  let planned: ReturnType<typeof plannedStrings>;
  const byKind: { json: string[]; hcl: string[] } = { json: [], hcl: [] };

  beforeAll(() => {
    writeFileSync(configFile, JSON.stringify(combinedConfig()));
    json = synth(join(work, "json"));
    hcl = synth(join(work, "hcl"), { SYNTH_HCL_OUTPUT: "true" });
    const modules: StackModule[] = [];
    const providers: Record<string, Record<string, unknown>> = {};
    json.stacks.forEach((stack, i) => {
      const offline = offlineJsonModule(`s${i}`, stack, readFileSync(join(json.dir, stack, "cdk.tf.json"), "utf8"), setup.providerVersion);
      modules.push(offline.stack);
      providers[offline.stack.provider] = offline.provider;
      modules.push(offlineHclModule(`s${i}_hcl`, `s${i}`, readFileSync(join(hcl.dir, stack, "cdk.tf"), "utf8"), setup.providerVersion));
    });
    const dir = join(work, "root");
    planned = plannedStrings(dir, prepareModuleRoot(dir, modules, providers, setup));
    for (const [module, strings] of planned.byModule) byKind[module.endsWith("_hcl") ? "hcl" : "json"].push(...strings);
  });

  test("the injected config's HCL is in terraform fmt's layout (the writer lays hostile text out itself)", () => {
    const fmt = spawnSync("terraform", ["fmt", "-check", "-recursive", "-list=true", hcl.dir], { env: setup.env, encoding: "utf8" });
    expect({ status: fmt.status, unformatted: fmt.stdout }).toEqual({ status: 0, unformatted: "" });
  });

  test("the injected config synthesizes as JSON and as HCL, and plans with the real provider", () => {
    expect({ exit: json.run.status, stderr: json.run.stderr }).toEqual({ exit: 0, stderr: "" });
    expect({ exit: hcl.run.status, stderr: hcl.run.stderr }).toEqual({ exit: 0, stderr: "" });
    expect(hcl.stacks).toEqual(json.stacks);
    expect(planned.error).toBeUndefined();
    expect(byKind.json.length).toBeGreaterThan(0);
    expect(byKind.hcl.length).toBeGreaterThan(0);
  });

  test("the shell health check plans with ${PORT} as written, in JSON and HCL", () => {
    for (const kind of ["json", "hcl"] as const) expect(byKind[kind]).toContain(SHELL_CHECK);
  });

  const rendered: string[] = [];
  test.each(accepted.map((v) => [v.field.path, v] as const))("%s: planned exactly as written, or not rendered at all", (_path, verdict) => {
    expect(planned.error).toBeUndefined();
    expect(byKind.json.length * byKind.hcl.length).toBeGreaterThan(0);
    const tag = tagOf(verdict.n);
    const text = payload(verdict.n);
    for (const kind of ["json", "hcl"] as const) {
      const holding = byKind[kind].filter((s) => s.includes(tag));
      // Every planned string that carries the field's text carries all of it, unevaluated.
      // A JSON document's text holds it JSON-escaped (its strings are also searched parsed).
      const inJson = JSON.stringify(text).slice(1, -1);
      for (const s of holding) expect({ kind, s, literal: s.includes(text) || s.includes(inJson) }).toEqual({ kind, s, literal: true });
      if (holding.length > 0) rendered.push(`${kind} ${verdict.field.path}`);
    }
    // Rendered in one format, rendered in both.
    expect(byKind.json.some((s) => s.includes(tag))).toBe(byKind.hcl.some((s) => s.includes(tag)));
    if (!byKind.json.some((s) => s.includes(tag))) {
      // Not planned: the text is nowhere in a resource, or only where Terraform reads it literally (a backend).
      for (const stack of json.stacks) {
        const doc = JSON.parse(readFileSync(join(json.dir, stack, "cdk.tf.json"), "utf8")) as Raw;
        const { terraform, ...rest } = doc;
        expect(JSON.stringify(rest).includes(tag.trim())).toBe(false);
        if (JSON.stringify(terraform).includes(tag.trim())) expect(JSON.stringify(terraform)).toContain(JSON.stringify(text).slice(1, -1));
      }
    }
  });

  afterAll(() => {
    const rejected = verdicts.filter((v) => v.outcome !== "accepted").length;
    const planned = new Set(rendered.map((r) => r.replace(/^\w+ /, ""))).size;
    console.log(`config injection: ${fields.length} string fields swept (${fields.filter((f) => f.constraint === "free").length} free text); ${rejected} refused by validation; ${accepted.length} accepted, of which ${planned} planned literally in JSON and HCL (${rendered.length} field-format pairs)`);
  });
}
