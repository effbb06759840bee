import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readOutputTree } from "../../scripts/lib/output-files";
import { finished, ROOT, runApp, siblingsOf, stackNames, startApp, synthEnv, until, whichTree, writePlatform } from "../helpers/synth-process";

/**
 * How a synth replaces its output directory (app/synth-outdir.ts): whole, or not at all.
 * Each test starts real synths (about a second each); kills and races are re-run on every suite run.
 */
jest.setTimeout(120_000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-swap-"));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) chmodSync(join(dir, entry), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const ENV_STACKS = (n: number) => Array.from({ length: n }, (_, k) => `env-${k}`);
const REGISTRY_STACKS = ["registry-111111111111-eu-west-1", "registry-111111111111-us-east-1", "registry-111111111111-us-west-2"];

describe("one output format per stack directory", () => {
  it("leaves only cdk.tf after a JSON synth then an HCL one, and only cdk.tf.json after the reverse", () => {
    const outdir = join(dir, "out");
    expect(runApp({ CDKTF_OUTDIR: outdir }).status).toBe(0);
    expect(readdirSync(join(outdir, "stacks", "dev"))).toEqual(["cdk.tf.json"]);
    expect(runApp({ CDKTF_OUTDIR: outdir }, ["--hcl"]).status).toBe(0);
    expect(readdirSync(join(outdir, "stacks", "dev")).sort()).toEqual(["cdk.tf", "metadata.json"]);
    expect(runApp({ CDKTF_OUTDIR: outdir }).status).toBe(0);
    expect(readdirSync(join(outdir, "stacks", "dev"))).toEqual(["cdk.tf.json"]);
    expect(siblingsOf(outdir)).toEqual([]);
  });
});

describe("refusals exit at once, the early worker thread stopped", () => {
  it("refuses a directory another live synth holds with a config large enough to start the worker", () => {
    const config = writePlatform(join(dir, "large.json"), 500, 10);
    expect(statSync(config).size).toBeGreaterThanOrEqual(48 * 1024);
    const outdir = join(dir, "out");
    const lock = join(dir, ".out.lock");
    writeFileSync(lock, `pid=${process.pid}\n`);
    const result = runApp({ CDKTF_OUTDIR: outdir, PULLGUARD_CONFIG: config });
    // A hang would end in spawnSync's timeout with SIGTERM; the refusal exits by itself.
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`pullguard: ${outdir} is being written by another synth (process ${process.pid}, ${lock}); run one synth at a time per output directory, or set CDKTF_OUTDIR\n`);
    expect(existsSync(outdir)).toBe(false);
  });

  it("reports a directory it may not write in one line, exit 3, with the worker started too", () => {
    const config = writePlatform(join(dir, "large.json"), 500, 10);
    const readOnly = join(dir, "ro");
    mkdirSync(readOnly);
    chmodSync(dir, 0o755);
    chmodSync(readOnly, 0o555);
    // root writes anywhere: the synth then runs as nobody, for whom the mode holds.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    chmodSync(config, 0o644);
    const result = runApp({ CDKTF_OUTDIR: join(readOnly, "out"), PULLGUARD_CONFIG: config }, [], asUser);
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe(`pullguard: cannot write ${join(readOnly, ".out.lock")}: permission denied (EACCES)\n`);
    expect(result.status).toBe(3);
  });

  it("refuses an output path that is a file, or a directory holding files synth did not write (exit 3)", () => {
    const file = join(dir, "file");
    writeFileSync(file, "mine\n");
    const onFile = runApp({ CDKTF_OUTDIR: file });
    expect(onFile.stderr).toBe(`pullguard: cannot write ${file}: it exists and is not a directory\n`);
    expect(onFile.status).toBe(3);
    expect(readFileSync(file, "utf8")).toBe("mine\n");

    const project = join(dir, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), "{}\n");
    const onProject = runApp({ CDKTF_OUTDIR: project });
    expect(onProject.stderr).toBe(
      `pullguard: cannot write ${project}: it holds package.json, which synth did not write; synth replaces the directory whole, so it writes only into an empty directory or its own output\n`,
    );
    expect(onProject.status).toBe(3);
    expect(readdirSync(project)).toEqual(["package.json"]);
  });
});

const withDevFull = existsSync("/dev/full") ? it : it.skip;
withDevFull("reports a full disk in one line, exit 3, and leaves the previous tree", () => {
  const outdir = join(dir, "out");
  expect(runApp({ CDKTF_OUTDIR: outdir }).status).toBe(0);
  const before = readOutputTree(outdir);
  // Every write to /dev/full fails with ENOSPC: the marker, the first thing a synth writes, is made one.
  symlinkSync("/dev/full", join(outdir, "INCOMPLETE"));
  const result = runApp({ CDKTF_OUTDIR: outdir });
  expect(result.stderr).toBe(`pullguard: cannot write ${outdir}: no space left on device (ENOSPC)\n`);
  expect(result.status).toBe(3);
  rmSync(join(outdir, "INCOMPLETE"));
  expect(readOutputTree(outdir)).toEqual(before);
  expect(siblingsOf(outdir)).toEqual([]);
});

describe("a stale lock", () => {
  it("is taken over by exactly one of two synths started together; the tree is that synth's config's", async () => {
    const outdir = join(dir, "out");
    const dead = spawnDeadPid();
    writeFileSync(join(dir, ".out.lock"), `pid=${dead}\n`);
    const ten = writePlatform(join(dir, "ten.json"), 500, 10);
    const nine = writePlatform(join(dir, "nine.json"), 500, 9);
    const runs = await Promise.all([finished(startApp({ CDKTF_OUTDIR: outdir, PULLGUARD_CONFIG: ten })), finished(startApp({ CDKTF_OUTDIR: outdir, PULLGUARD_CONFIG: nine }))]);

    expect(runs.map((run) => run.status).sort()).toEqual([0, 1]);
    const loser = runs.find((run) => run.status === 1)!;
    expect(loser.stderr).toMatch(/is being written by another synth \(process \d+/);
    const winnerEnvironments = runs[0]!.status === 0 ? 10 : 9;
    expect(stackNames(outdir)).toEqual([...ENV_STACKS(winnerEnvironments), ...REGISTRY_STACKS]);
    expect(Object.keys(JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")).stacks).sort()).toEqual([...ENV_STACKS(winnerEnvironments), ...REGISTRY_STACKS]);
    expect(readdirSync(outdir).sort()).toEqual(["manifest.json", "pull-budget.json", "pull-budget.md", "stacks"]);
    expect(siblingsOf(outdir)).toEqual([]);
  });
});

function spawnDeadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout);
}

describe("a killed synth", () => {
  /** Kill moments: when the staging tree appears, when it has stacks, when it has a manifest, and after fixed delays. */
  const MOMENTS = ["staging", "stacks", "manifest", 0, 300, 700] as const;

  it("leaves the previous tree (marked INCOMPLETE) or the new one, never a mix; the next synth cleans up", async () => {
    const before = writePlatform(join(dir, "before.json"), 300, 6);
    const after = writePlatform(join(dir, "after.json"), 300, 4);
    const oldTree = join(dir, "old");
    const newTree = join(dir, "new");
    expect(runApp({ CDKTF_OUTDIR: oldTree, PULLGUARD_CONFIG: before }).status).toBe(0);
    expect(runApp({ CDKTF_OUTDIR: newTree, PULLGUARD_CONFIG: after }).status).toBe(0);
    const oldFiles = readOutputTree(oldTree);
    const newFiles = readOutputTree(newTree);
    const outdir = join(dir, "out");
    const staging = () => readdirSync(dir).find((name) => name.startsWith(".out.new-"));
    const outcomes: string[] = [];
    for (const moment of MOMENTS) {
      rmSync(outdir, { recursive: true, force: true });
      cpSync(oldTree, outdir, { recursive: true });
      const child = startApp({ CDKTF_OUTDIR: outdir, PULLGUARD_CONFIG: after });
      const done = finished(child);
      // A synth that has already exited is past every moment (its staging tree may have come and
      // gone between two polls on a busy machine): stop waiting and let the outcome say which tree it left.
      const exited = () => child.exitCode !== null || child.signalCode !== null;
      // One look at the directory per poll: the staging tree can be swapped in between two looks.
      const stagingHas = (entry: string) => {
        const tree = staging();
        return tree !== undefined && (entry === "" || existsSync(join(dir, tree, entry)));
      };
      if (moment === "staging") await until(() => exited() || stagingHas(""));
      else if (moment === "stacks") await until(() => exited() || stagingHas("stacks"));
      else if (moment === "manifest") await until(() => exited() || stagingHas("manifest.json"));
      else await new Promise((wait) => setTimeout(wait, moment));
      child.kill("SIGKILL");
      await done;
      outcomes.push(whichTree(outdir, oldFiles, newFiles));
    }
    expect(outcomes.filter((outcome) => outcome === "mix")).toEqual([]);
    // A staging tree without a manifest is not swapped in yet (once the manifest is there, the
    // swap may beat the kill: either tree is right then).
    expect(outcomes.slice(0, 2)).toEqual(["before", "before"]);

    expect(runApp({ CDKTF_OUTDIR: outdir, PULLGUARD_CONFIG: after }).status).toBe(0);
    expect(whichTree(outdir, oldFiles, newFiles)).toBe("after");
    expect(siblingsOf(outdir)).toEqual([]);
  });

  it("stops when npm is killed under it, before its tree is swapped in", async () => {
    const before = writePlatform(join(dir, "before.json"), 60, 3);
    const after = writePlatform(join(dir, "after.json"), 300, 4);
    const outdir = join(dir, "out");
    expect(runApp({ CDKTF_OUTDIR: outdir, PULLGUARD_CONFIG: before }).status).toBe(0);
    const oldFiles = readOutputTree(outdir);
    for (const signal of ["SIGKILL", "SIGTERM"] as const) {
      const npm = spawn("npm", ["run", "--silent", "synth", "--", "--output", outdir], { cwd: ROOT, env: synthEnv({ PULLGUARD_CONFIG: after }), stdio: "ignore" });
      await until(() => readdirSync(dir).some((name) => name.startsWith(".out.new-")));
      npm.kill(signal);
      // The orphaned synth notices at its next stack, removes its staging tree and lets go of the lock.
      await until(() => !existsSync(join(dir, ".out.lock")) && siblingsOf(outdir).length === 0);
      expect(whichTree(outdir, oldFiles, new Map())).toBe("before");
      expect(readFileSync(join(outdir, "INCOMPLETE"), "utf8")).toMatch(/^pullguard: the synth \(process \d+\) that started replacing this directory did not finish/);
    }
  });
});
