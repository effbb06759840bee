/**
 * What the app does to its output directory besides writing stacks: it holds a lock while it
 * works, so two synths of different configs never interleave their stacks in one directory; it
 * removes stack directories the new manifest does not list (the cdktf CLI does this after the
 * app, but `node scripts/app.js` and `npm run synth` must leave the same tree); and a refused or
 * crashed run removes the previous run's output, so nothing stale is left for a pipeline to apply.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";

export const LOCK_FILE = ".pullguard.lock";
const OUTPUT_NAMES = ["stacks", "manifest.json", "pull-budget.json", "pull-budget.md"];

export function outdirOf(env: NodeJS.ProcessEnv): string {
  return env.CDKTF_OUTDIR ?? "cdktf.out";
}

export function removeStaleOutput(outdir: string): void {
  for (const name of OUTPUT_NAMES) rmSync(join(outdir, name), { recursive: true, force: true });
}

/**
 * Removes stacks/<name> directories that manifest.json does not list, as the cdktf CLI does after
 * a synth (directories it lists keep their .terraform, so deploys need no new `terraform init`).
 */
export function removeOrphanedStacks(outdir: string): void {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
  const current = new Set(Object.keys(manifest.stacks));
  const stacksDir = join(outdir, "stacks");
  let names: string[];
  try {
    names = readdirSync(stacksDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!current.has(name) && statSync(join(stacksDir, name)).isDirectory()) rmSync(join(stacksDir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type OutdirLock = { readonly held: true; release(): void } | { readonly held: false; readonly owner: number };

/**
 * Takes `<outdir>/.pullguard.lock` (holding this process id), or reports the live process that
 * holds it. A lock left by a process that no longer runs (killed, machine restarted) is taken over.
 */
export function lockOutdir(outdir: string): OutdirLock {
  mkdirSync(outdir, { recursive: true });
  const file = join(outdir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
      process.once("exit", release);
      return { held: true, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(file, "utf8").trim());
    } catch {
      // Removed meanwhile, or unreadable: treat as stale.
    }
    if (owner !== process.pid && isRunning(owner)) return { held: false, owner };
    rmSync(file, { force: true });
  }
  return { held: false, owner: Number(readFileSync(file, "utf8").trim()) };
}
