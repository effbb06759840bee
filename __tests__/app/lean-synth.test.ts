import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App, Lazy, TerraformOutput, TerraformStack, Token } from "cdktf";
import { loadConfig } from "../../config/load";
import { platform } from "../../config/platform";
import type { PlatformConfigInput } from "../../config/schema";
import { planPlatform } from "../../core/plan";
import { generatePlatform } from "../../scripts/lib/bench-platforms";
import { isResolvedData, synthesizeLean, synthesizeLeanOneByOne } from "../../app/lean-synth";
import { addPlatformStacks } from "../../stacks/platform";
import { readOutputTree } from "../../scripts/lib/output-files";

/**
 * synthesizeLean (no token stack traces, no preparing pass, one resolve per value) against a
 * plain `app.synth()`: the same files, byte for byte.
 */
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, "..", "..");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-lean-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function synthBothWays(build: (app: App) => void, hcl = false): [Map<string, string>, Map<string, string>] {
  const plain = new App({ stackTraces: false, outdir: join(dir, "plain"), hclOutput: hcl });
  build(plain);
  plain.synth();
  const lean = new App({ stackTraces: false, outdir: join(dir, "lean"), hclOutput: hcl });
  synthesizeLean(lean, () => build(lean));
  return [readOutputTree(join(dir, "plain")), readOutputTree(join(dir, "lean"))];
}

function platformApp(config: PlatformConfigInput | string): (app: App) => void {
  const loaded = typeof config === "string" ? loadConfig({ PULLGUARD_CONFIG: config }, () => platform) : loadConfig({}, () => config);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const plan = planPlatform(loaded.config);
  return (app) => addPlatformStacks(app, plan);
}

describe("synthesizeLean", () => {
  const cases: Array<[string, PlatformConfigInput | string]> = [
    ["the embedded example", platform],
    ...readdirSync(join(ROOT, "config", "examples"))
      .filter((name) => /\.(ya?ml|json)$/.test(name))
      .map((name): [string, string] => [`config/examples/${name}`, join(ROOT, "config", "examples", name)]),
    // 4 services in each of 12 environments over 3 Regions: every image, desired count and launch type the generator cycles through.
    ["a generated platform of 48 services in 12 environments", generatePlatform(48, 12)],
  ];

  // One plain synth per case serves both comparisons: the whole app at once, and one stack at a time.
  it.each(cases)("writes %s byte for byte as a plain app.synth() does, whole and one stack at a time", (_name, config) => {
    const loaded = typeof config === "string" ? loadConfig({ PULLGUARD_CONFIG: config }, () => platform) : loadConfig({}, () => config);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const plan = planPlatform(loaded.config);
    const plain = new App({ stackTraces: false, outdir: join(dir, "plain") });
    addPlatformStacks(plain, plan);
    plain.synth();
    const expected = readOutputTree(join(dir, "plain"));
    expect(expected.size).toBeGreaterThan(2);

    const whole = new App({ stackTraces: false, outdir: join(dir, "lean") });
    synthesizeLean(whole, () => addPlatformStacks(whole, plan));
    const lean = readOutputTree(join(dir, "lean"));
    expect([...lean.keys()]).toEqual([...expected.keys()]);
    for (const [file, text] of expected) expect(lean.get(file)).toBe(text);

    // Each stack alone in the app when it is built, as a synth thread takes it off the queue.
    const alone = [
      ...plan.registries.map((registry) => ({ ...plan, registries: [registry], environments: [] })),
      ...plan.environments.map((environment) => ({ ...plan, registries: [], environments: [environment] })),
    ];
    const oneByOne = new App({ stackTraces: false, outdir: join(dir, "one-by-one") });
    let next = 0;
    synthesizeLeanOneByOne(oneByOne, () => {
      if (next === alone.length) return false;
      addPlatformStacks(oneByOne, alone[next++]!);
      return true;
    });
    const stackFiles = (map: Map<string, string>) => new Map([...map].filter(([file]) => file.startsWith("stacks/")));
    const [expectedStacks, written] = [stackFiles(expected), stackFiles(readOutputTree(join(dir, "one-by-one")))];
    expect(expectedStacks.size).toBe(plan.registries.length + plan.environments.length);
    expect([...written.keys()]).toEqual([...expectedStacks.keys()]);
    for (const [file, text] of expectedStacks) expect(written.get(file)).toBe(text);
    expect(Object.keys(oneByOne.manifest.stacks).sort()).toEqual([...expectedStacks.keys()].map((file) => file.split("/")[1]!).sort());
  });

  it("writes HCL output as a plain app.synth() does", () => {
    const [plain, lean] = synthBothWays(platformApp(platform), true);
    expect([...lean.keys()]).toContain("stacks/dev/cdk.tf");
    for (const [file, text] of plain) expect(lean.get(file)).toBe(text);
  });

  it("still resolves a stack whose merged document holds a token (an override), and restores cdktf's globals", () => {
    const build = (app: App) => {
      const stack = new TerraformStack(app, "tokens");
      new TerraformOutput(stack, "greeting", { value: "hello" });
      stack.addOverride("output.greeting.description", Lazy.stringValue({ produce: () => "produced lazily" }));
    };
    const capture = Error.captureStackTrace;
    const [plain, lean] = synthBothWays(build);
    const stack = JSON.parse(lean.get("stacks/tokens/cdk.tf.json")!);
    expect(stack.output.greeting).toEqual({ description: "produced lazily", value: "hello" });
    expect(lean.get("stacks/tokens/cdk.tf.json")).toBe(plain.get("stacks/tokens/cdk.tf.json"));
    expect(Error.captureStackTrace).toBe(capture);
  });
});

describe("isResolvedData", () => {
  it("accepts plain JSON data, and undefined only as an object value", () => {
    expect(isResolvedData({ a: "x", b: [1, 2.5, "1e5", "service-e-1"], c: { d: null, e: true }, f: undefined })).toBe(true);
    expect(isResolvedData([])).toBe(true);
  });

  it("refuses anything resolving could change", () => {
    expect(isResolvedData({ a: Lazy.stringValue({ produce: () => "x" }) })).toBe(false);
    expect(isResolvedData(["ok", undefined])).toBe(false);
    expect(isResolvedData({ n: Token.asNumber(Lazy.numberValue({ produce: () => 1 })) })).toBe(false);
    expect(isResolvedData({ s: `prefix ${Token.asNumber(Lazy.numberValue({ produce: () => 2 }))}` })).toBe(false);
    expect(isResolvedData({ when: new Date(0) })).toBe(false);
    expect(isResolvedData({ [Token.asString(Lazy.stringValue({ produce: () => "k" }))]: 1 })).toBe(false);
    expect(isResolvedData({ f: () => 1 })).toBe(false);
  });
});
