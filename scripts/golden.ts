/**
 * Golden copies of everything pullguard writes for the embedded example and every config under
 * config/examples/: stacks, manifest and the pull-budget report, byte for byte, in
 * __tests__/golden/<config>/. A change that means to leave output alone (a restructuring) is proven
 * by `npm test` passing against them; a change that means to alter output refreshes them with
 * `npm run golden` and shows the difference in review.
 *
 *   npm run golden            rewrite the golden copies from this tree
 *   npm run golden -- --check  exit 1 and list the files that differ (what the test does)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { filesUnder } from "./lib/output-files";

const root = join(__dirname, "..");
export const goldenDir = join(root, "__tests__", "golden");

/** The configs whose output is pinned: the embedded example first, then every example file. */
export function goldenConfigs(): Array<{ name: string; file?: string }> {
  const examples = join(root, "config", "examples");
  return [
    { name: "embedded" },
    ...readdirSync(examples)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => ({ name: f.replace(/\.(ya?ml|json)$/, ""), file: join(examples, f) })),
  ];
}

/** Runs the real app for one config and returns its output files, path relative to the outdir -> text. */
export function synthesizeOutput(configFile: string | undefined): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), "pullguard-golden-"));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
    if (configFile === undefined) delete env.PULLGUARD_CONFIG;
    else env.PULLGUARD_CONFIG = configFile;
    const run = spawnSync(process.execPath, [join(root, "scripts", "app.js")], { cwd: root, env, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`synth of ${configFile ?? "the embedded example"} failed (${run.status}): ${run.stderr.trim()}`);
    return new Map(filesUnder(outdir).map((f) => [f.split("\\").join("/"), readFileSync(join(outdir, f), "utf8")]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Files that differ between this tree's output and the golden copies: "<config>/<path>: why". */
export function goldenDifferences(): string[] {
  const differences: string[] = [];
  for (const config of goldenConfigs()) {
    const actual = synthesizeOutput(config.file);
    const dir = join(goldenDir, config.name);
    const golden = new Map<string, string>();
    try {
      for (const f of filesUnder(dir)) golden.set(f.split("\\").join("/"), readFileSync(join(dir, f), "utf8"));
    } catch {
      differences.push(`${config.name}: no golden copy`);
      continue;
    }
    for (const path of [...new Set([...actual.keys(), ...golden.keys()])].sort()) {
      if (!golden.has(path)) differences.push(`${config.name}/${path}: written now, not in the golden copy`);
      else if (!actual.has(path)) differences.push(`${config.name}/${path}: in the golden copy, not written now`);
      else if (golden.get(path) !== actual.get(path)) differences.push(`${config.name}/${path}: content differs`);
    }
  }
  return differences;
}

function update(): void {
  rmSync(goldenDir, { recursive: true, force: true });
  for (const config of goldenConfigs()) {
    for (const [path, text] of synthesizeOutput(config.file)) {
      const target = join(goldenDir, config.name, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
  }
  console.log(`golden copies written to ${relative(root, goldenDir)}/`);
}

if (require.main === module) {
  if (process.argv.includes("--check")) {
    const differences = goldenDifferences();
    for (const line of differences) console.error(line);
    process.exitCode = differences.length === 0 ? 0 : 1;
  } else {
    update();
  }
}
