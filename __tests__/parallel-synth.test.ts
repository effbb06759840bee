import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { loadConfig } from "../config/load";
import { platform } from "../config/platform";
import { planPlatform } from "../core/plan";
import { generatePlatform } from "../scripts/lib/bench-platforms";
import { stackOrder } from "../scripts/lib/parallel-synth";

/** Two-thread synth (scripts/lib/parallel-synth.ts) against one thread: the same files, byte for byte. */
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, "..");
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-threads-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function synth(config: string, outdir: string, threads: "1" | "2"): void {
  const env: NodeJS.ProcessEnv = { ...process.env, PULLGUARD_CONFIG: config, CDKTF_OUTDIR: outdir, PULLGUARD_THREADS: threads, CHECKPOINT_DISABLE: "1" };
  delete env.PULLGUARD_NO_CACHE;
  const result = spawnSync(process.execPath, ["scripts/app.js"], { cwd: ROOT, env, encoding: "utf8", timeout: 50_000 });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
}

function files(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(root, path), readFileSync(path, "utf8"));
    }
  };
  walk(root);
  return out;
}

it("writes the same files on two threads as on one", () => {
  const config = join(dir, "platform.json");
  writeFileSync(config, JSON.stringify(generatePlatform(60, 7)));
  synth(config, join(dir, "one"), "1");
  synth(config, join(dir, "two"), "2");
  const one = files(join(dir, "one"));
  const two = files(join(dir, "two"));
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
