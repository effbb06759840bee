import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../../config/load";
import { platform } from "../../config/platform";
import { planPlatform } from "../../core/plan";
import { generatePlatform } from "../../scripts/lib/bench-platforms";
import { stackOrder } from "../../app/parallel-synth";
import { readOutputTree } from "../../scripts/lib/output-files";

/** Two-thread synth (app/parallel-synth.ts) against one thread: the same files, byte for byte. */
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, "..", "..");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-threads-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runApp(config: string, outdir: string, threads: "1" | "2" | undefined) {
  const env: NodeJS.ProcessEnv = { ...process.env, PULLGUARD_CONFIG: config, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
  delete env.PULLGUARD_NO_CACHE;
  delete env.PULLGUARD_THREADS;
  if (threads) env.PULLGUARD_THREADS = threads;
  return spawnSync(process.execPath, ["scripts/app.js"], { cwd: ROOT, env, encoding: "utf8", timeout: 50_000 });
}

function synth(config: string, outdir: string, threads: "1" | "2" | undefined): void {
  const result = runApp(config, outdir, threads);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}

// scripts/lib/shard-worker.js is plain JavaScript (it runs before the bundle loads): no types to import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startsEarly, EARLY_START_CONFIG_BYTES } = require("../../scripts/lib/shard-worker") as {
  startsEarly: (env: NodeJS.ProcessEnv, argv: readonly string[]) => boolean;
  EARLY_START_CONFIG_BYTES: number;
};

it("writes the same files on two threads as on one", () => {
  const config = join(dir, "platform.json");
  writeFileSync(config, JSON.stringify(generatePlatform(60, 7)));
  synth(config, join(dir, "one"), "1");
  synth(config, join(dir, "two"), "2");
  const one = readOutputTree(join(dir, "one"));
  const two = readOutputTree(join(dir, "two"));
  // 7 environments and 3 registry stacks, a cdk.tf.json each, plus the manifest and two reports.
  expect(one.size).toBe(13);
  expect([...two.keys()]).toEqual([...one.keys()]);
  for (const [file, text] of one) expect(two.get(file)).toBe(text);
  expect(Object.keys(JSON.parse(two.get("manifest.json")!).stacks)).toHaveLength(10);
});

it("queues every stack once, environments with the most services first, registries last", () => {
  const loaded = loadConfig({}, () => platform);
  if (!loaded.ok) throw new Error("embedded config invalid");
  expect(stackOrder(planPlatform(loaded.config))).toEqual(["prod-us-east-1", "prod-us-west-2", "staging", "dev", "registry-111111111111-us-east-1", "registry-111111111111-us-west-2"]);
});

it("writes the same files when a worker started early for a large file turns out not to be needed", () => {
  // 200 services, indented as people write JSON: a file over the early-start size (the decision
  // reads the file's size, before parsing), a plan well under the two-thread threshold.
  const config = join(dir, "platform.json");
  writeFileSync(config, JSON.stringify(generatePlatform(200, 10), null, 4));
  expect(statSync(config).size).toBeGreaterThanOrEqual(EARLY_START_CONFIG_BYTES);
  synth(config, join(dir, "one"), "1");
  synth(config, join(dir, "auto"), undefined);
  const one = readOutputTree(join(dir, "one"));
  const auto = readOutputTree(join(dir, "auto"));
  expect(one.size).toBe(16);
  expect([...auto.keys()]).toEqual([...one.keys()]);
  for (const [file, text] of one) expect(auto.get(file)).toBe(text);
});

describe("a refused config with a worker thread started", () => {
  function refusedPlatform(): string {
    const platform = generatePlatform(60, 7);
    platform.environments["env-3"]!.services!["svc-2"]!.image = "nginx:latest";
    const config = join(dir, "refused.json");
    writeFileSync(config, JSON.stringify(platform));
    return config;
  }

  it("stops with the plan's problem and writes no stack (the worker is let go)", () => {
    const result = runApp(refusedPlatform(), join(dir, "out"), "2");
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^environments\.env-3\.services\.svc-2\.image: "nginx:latest" uses :latest/);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["pull-budget.json", "pull-budget.md"]);
  });

  it("stops with the config's problem before planning", () => {
    const config = join(dir, "invalid.json");
    const platform = generatePlatform(60, 7);
    platform.environments["env-1"]!.services!["svc-0"]!.desiredCount = -1;
    writeFileSync(config, JSON.stringify(platform));
    const result = runApp(config, join(dir, "out"), "2");
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^environments\.env-1\.services\.svc-0\.desiredCount: /);
    expect(lines[lines.length - 1]).toBe(`pullguard: 1 problem in ${config}; nothing synthesized`);
    expect(readdirSync(join(dir, "out"))).toEqual([]);
  });
});

describe("starting the worker thread early", () => {
  it("starts for a config file from the early-start size, or whenever two threads are asked for", () => {
    const large = join(dir, "large.json");
    const small = join(dir, "small.json");
    writeFileSync(large, " ".repeat(EARLY_START_CONFIG_BYTES));
    writeFileSync(small, " ".repeat(EARLY_START_CONFIG_BYTES - 1));
    expect(EARLY_START_CONFIG_BYTES).toBe(48 * 1024);
    // Only with a second core to run it on.
    const twoCores = availableParallelism() >= 2;
    expect(startsEarly({ PULLGUARD_CONFIG: large }, [])).toBe(twoCores);
    expect(startsEarly({ PULLGUARD_CONFIG: small }, [])).toBe(false);
    expect(startsEarly({}, [])).toBe(false);
    expect(startsEarly({ PULLGUARD_THREADS: "2" }, [])).toBe(twoCores);
  });

  it("does not start for one thread, HCL output, or a config file that cannot be read", () => {
    const large = join(dir, "large.json");
    writeFileSync(large, " ".repeat(EARLY_START_CONFIG_BYTES));
    expect(startsEarly({ PULLGUARD_CONFIG: large, PULLGUARD_THREADS: "1" }, [])).toBe(false);
    expect(startsEarly({ PULLGUARD_CONFIG: large, SYNTH_HCL_OUTPUT: "true" }, [])).toBe(false);
    expect(startsEarly({ PULLGUARD_CONFIG: large }, ["node", "scripts/app.js", "--hcl"])).toBe(false);
    expect(startsEarly({ PULLGUARD_CONFIG: join(dir, "missing.json") }, [])).toBe(false);
  });
});
