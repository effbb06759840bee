import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generatePlatform } from "../../scripts/lib/bench-platforms";
import { readOutputTree } from "../../scripts/lib/output-files";

export const ROOT = resolve(__dirname, "..", "..");

/** The environment of a synth a test starts: nothing of the test's own PULLGUARD_/CDKTF_ settings. */
export function synthEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", NO_COLOR: "1" };
  for (const name of Object.keys(env)) if (/^(PULLGUARD_|CDKTF_|SYNTH_HCL_OUTPUT$|npm_)/.test(name)) delete env[name];
  return { ...env, ...extra };
}

/** `node scripts/app.js` to completion; `timeout` only guards against a hang (the test then fails). */
export function runApp(env: Record<string, string>, args: string[] = [], options: { uid?: number; gid?: number } = {}): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, ["scripts/app.js", ...args], { cwd: ROOT, env: synthEnv(env), encoding: "utf8", timeout: 60_000, ...options });
  if (result.error) throw result.error;
  return result;
}

/** `node scripts/app.js` started, not awaited. */
export function startApp(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["scripts/app.js"], { cwd: ROOT, env: synthEnv(env), stdio: ["ignore", "pipe", "pipe"] });
}

export interface Finished {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

export function finished(child: ChildProcess): Promise<Finished> {
  let stderr = "";
  child.stderr?.on("data", (data) => (stderr += String(data)));
  child.stdout?.resume();
  return new Promise((done) => child.once("close", (status, signal) => done({ status, signal, stderr })));
}

/** A generated platform of `services` services over `environments` environments, written to `file`. */
export function writePlatform(file: string, services: number, environments: number): string {
  writeFileSync(file, JSON.stringify(generatePlatform(services, environments)));
  return file;
}

/** Resolves once `check` holds, polling; rejects after `limitMs` (a guard against a hang, not a timing claim). */
export function until(check: () => boolean, limitMs = 60_000): Promise<void> {
  const start = Date.now();
  return new Promise((done, fail) => {
    const poll = () => {
      // A check that throws fails the wait at once: thrown inside a timer it would otherwise be lost
      // and the test would hang until jest's timeout.
      let held: boolean;
      try {
        held = check();
      } catch (error) {
        return fail(error);
      }
      if (held) return done();
      if (Date.now() - start > limitMs) return fail(new Error("condition never held"));
      setTimeout(poll, 2);
    };
    poll();
  });
}

/** Staging or retired trees of `outdir` beside it (app/synth-outdir.ts names them). */
export function siblingsOf(outdir: string): string[] {
  const parent = resolve(outdir, "..");
  const name = outdir.slice(parent.length + 1);
  return readdirSync(parent).filter((entry) => entry.startsWith(`.${name}.`)).sort();
}

/** How an output tree compares with the two trees it may legally be. */
export function whichTree(outdir: string, before: Map<string, string>, after: Map<string, string>): "before" | "after" | "mix" {
  if (!existsSync(outdir)) return "mix";
  const tree = readOutputTree(outdir);
  const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([file, text]) => b.get(file) === text);
  const marker = tree.get("INCOMPLETE");
  tree.delete("INCOMPLETE");
  if (same(tree, after) && marker === undefined) return "after";
  if (same(tree, before)) return "before";
  return "mix";
}

export function stackNames(outdir: string): string[] {
  return readdirSync(join(outdir, "stacks")).sort();
}
