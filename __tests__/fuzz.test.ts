import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Testing } from "cdktf";
import fc from "fast-check";
import { parse as parseYaml } from "yaml";
import { parseConfig, parseConfigText, type ConfigResult } from "../config/load";
import { platform } from "../config/platform";
import { problemLine } from "../config/problems";
import { planPlatform } from "../core/plan";
import { addPlatformStacks } from "../stacks/platform";
import { withoutTokenStackTraces } from "../app/lean-synth";

/**
 * Property: no config reaches an internal error. Valid configs (the embedded one and every
 * example) are mutated (keys dropped, duplicated or renamed, values swapped for odd strings,
 * numbers at bounds, prototype names, unicode) and fed through load, plan and synth, the way
 * main.ts does. Every outcome must be a clean result: problems of one line each with a config
 * path and no stack trace, or stacks that synthesize. Bounded by run count, not time: a fixed
 * seed (FUZZ_SEED overrides it) keeps failures reproducible.
 */
const ROOT = resolve(__dirname, "..");
const EXAMPLES = join(ROOT, "config", "examples");
const RUNS = 300;
const SEED = Number(process.env.FUZZ_SEED ?? 9);
jest.setTimeout(120_000);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const seeds: { name: string; value: Json }[] = [
  { name: "config/platform.ts", value: JSON.parse(JSON.stringify(platform)) as Json },
  ...readdirSync(EXAMPLES)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ name: f, value: parseYaml(readFileSync(join(EXAMPLES, f), "utf8")) as Json })),
];

const ODD_NAMES = ["constructor", "__proto__", "toString", "prototype", "hasOwnProperty", "valueOf", "a", "a-b", "b-c", "", " ", "ROOT", "aws-x", "ecs", "fargate-x", "x".repeat(80), "ünïcødé", "名前", "😀", "a/b", "a--b", "-a", "A"];
const ODD_STRINGS = [...ODD_NAMES, "latest", "nginx:latest", "nginx", "nginx@sha256:" + "a".repeat(64), "arn:aws:secretsmanager:us-east-1:111111111111:secret:x", "arn:aws:sns:eu-west-1:111111111111:t", "us-gov-west-1", "cn-north-1", "xx-fake-9", "111111111111.dkr.ecr.xx-fake-9.amazonaws.com/a:1", "111111111111.dkr.ecr.cn-north-1.amazonaws.com.cn/a:1", "AKIAIOSFODNN7EXAMPLE", "line\nbreak", "\u0000", "../../etc/passwd", "${var.x}", "%s%n", "10.0.0.0/8", "vpc-0123456789abcdef0"];
const ODD_NUMBERS = [0, -1, 1, 0.5, 7, 30, 31, 100, 101, 127, 128, 200, 201, 255, 256, 512, 1024, 4096, 5000, 5001, 65535, 65536, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 1e-300];

const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...ODD_STRINGS),
  fc.constantFrom<Json>(...ODD_NUMBERS),
  fc.constantFrom<Json>(true, false, null, [], {}, [""], { "": "" }, { constructor: {} }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.integer({ min: -5, max: 300 }),
);

type Mutation = { op: "drop" | "duplicate" | "rename" | "replace" | "renameName"; at: number; name: string; value: Json };

/** Maps keyed by names the user chooses: where prototype names and near-collisions matter most. */
const NAMED_MAPS = new Set(["accounts", "environments", "services", "sidecars", "azure", "ecr"]);
const PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "prototype", "valueof", "a-b", "acr-prod"];

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("drop" as const, "duplicate" as const, "rename" as const, "replace" as const, "renameName" as const),
  at: fc.nat(),
  name: fc.oneof(fc.constantFrom(...ODD_NAMES), fc.string({ unit: "grapheme", maxLength: 8 }), fc.constantFrom(...PROTOTYPE_NAMES)),
  value: oddValue,
});

interface Slot {
  readonly parent: Json[] | { [key: string]: Json };
  readonly key: string | number;
  /** The key under which the parent itself sits ("services" for a service). */
  readonly parentKey: string | number | undefined;
}

/** Every (parent, key) pair in a JSON value, depth first. */
function slots(value: Json, out: Slot[] = [], parentKey?: string | number): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i, parentKey });
      slots(v, out, i);
    });
  } else if (value !== null && typeof value === "object") {
    for (const k of Object.keys(value)) {
      out.push({ parent: value, key: k, parentKey });
      slots(value[k]!, out, k);
    }
  }
  return out;
}

function setOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  // Plain assignment of "__proto__" would set the prototype; a file can hold it as an own key.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutate(seed: Json, mutations: readonly Mutation[]): Json {
  const value = JSON.parse(JSON.stringify(seed)) as Json;
  for (const m of mutations) {
    const every = slots(value);
    const named = every.filter((s) => typeof s.parentKey === "string" && NAMED_MAPS.has(s.parentKey) && !Array.isArray(s.parent));
    const all = m.op === "renameName" && named.length > 0 ? named : every;
    const name = m.op === "renameName" ? PROTOTYPE_NAMES[Math.floor(m.at / all.length) % PROTOTYPE_NAMES.length]! : m.name;
    if (all.length === 0) break;
    const { parent, key } = all[m.at % all.length]!;
    if (Array.isArray(parent)) {
      const i = key as number;
      if (m.op === "drop") parent.splice(i, 1);
      else if (m.op === "duplicate") parent.push(JSON.parse(JSON.stringify(parent[i] ?? null)) as Json);
      else parent[i] = m.value;
      continue;
    }
    const k = key as string;
    const current = parent[k]!;
    if (m.op === "drop") delete parent[k];
    else if (m.op === "replace") parent[k] = m.value;
    else {
      setOwn(parent, name, JSON.parse(JSON.stringify(current)) as Json);
      if (m.op !== "duplicate" && name !== k) delete parent[k];
    }
  }
  return value;
}

function expectClean(result: ConfigResult): void {
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    const line = problemLine(problem);
    expect(line).not.toMatch(/\n|^\s+at |internal error|Maximum call stack|TypeError|ReferenceError/);
    expect(problem.path).not.toBe("");
  }
}

let synthesized = 0;
let refused = 0;

/** load -> plan -> synth, as main.ts runs them; anything thrown fails the property. */
function runCase(result: ConfigResult, synth: boolean): void {
  expectClean(result);
  if (!result.ok) return void refused++;
  const plan = planPlatform(result.config);
  const errors = plan.findings.filter((f) => f.level === "error");
  for (const finding of plan.findings) expect(`${finding.path}: ${finding.message}`).not.toMatch(/\n|^\s+at |undefined|NaN|\[object Object\]/);
  if (errors.length > 0) return void refused++;
  if (!synth) return;
  const app = Testing.app();
  withoutTokenStackTraces(() => {
    addPlatformStacks(app, plan);
    app.synth();
  });
  synthesized++;
}

test(`${RUNS} mutated configs through load, plan and synth: no internal error`, () => {
  let cases = 0;
  fc.assert(
    fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (which, mutations, asFile) => {
      cases++;
      const input = mutate(seeds[which]!.value, mutations);
      // Half the cases go through the file loader (JSON text), half as an object (TypeScript config).
      const result = asFile ? parseConfigText(JSON.stringify(input), "fuzz.json") : parseConfig(input);
      // Synth is the slow step: every third case that plans cleanly is synthesized.
      runCase(result, cases % 3 === 0);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  expect(cases).toBe(RUNS);
  // The mutations must exercise both outcomes, or the property says little.
  expect(refused).toBeGreaterThan(RUNS / 10);
  expect(synthesized).toBeGreaterThan(0);
});

test("a handful of mutated configs through the real CLI: exit 0 or 1, and no stacks on 1", () => {
  const dir = mkdtempSync(join(tmpdir(), "pullguard-fuzz-"));
  try {
    const samples = fc.sample(fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 2 })), { numRuns: 3, seed: SEED });
    samples.forEach(([which, mutations], i) => {
      const file = join(dir, `case-${i}.json`);
      writeFileSync(file, JSON.stringify(mutate(seeds[which]!.value, mutations)));
      const outdir = join(dir, `out-${i}`);
      const env: NodeJS.ProcessEnv = { ...process.env, PULLGUARD_CONFIG: file, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
      delete env.PULLGUARD_DEBUG;
      const run = spawnSync(process.execPath, ["scripts/app.js"], { cwd: ROOT, env, encoding: "utf8", timeout: 30_000 });
      expect([0, 1]).toContain(run.status);
      expect(run.stderr).not.toMatch(/^\s+at |internal error/m);
      if (run.status === 1) expect(existsSync(join(outdir, "stacks"))).toBe(false);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
