/**
 * One synth at a time per output directory. The lock is a file beside the directory
 * (`.<name>.lock`: the directory itself is replaced whole by each synth, app/synth-outdir.ts),
 * naming the process that holds it: its pid, host, start time and a random token.
 *
 * - Taken atomically: the content is written to a private file first, then hard-linked to the
 *   lock's name; link(2) fails if the name exists, so of any number of synths exactly one gets it,
 *   and nobody ever reads a half-written lock.
 * - A lock is stale when its process no longer runs on this host (or its pid now belongs to a
 *   process that started later: pids are reused, CI containers reuse them early). A live holder
 *   keeps no timer going (synth is synchronous work), so nothing is judged by the file's age.
 * - A stale lock is taken over through a claim file named after the stale lock's content: linking
 *   the lock to that name fails for all but one claimant, and the claimant removes the lock only
 *   if the claim still holds the stale content (the lock was not replaced meanwhile). The others
 *   see the winner's live lock and are refused. Two synths racing on one stale lock: one wins.
 * - A lock held on another host (a shared disk) cannot be judged: it is reported as held.
 *
 * proper-lockfile was considered: it judges staleness by mtime, refreshed on a timer that cannot
 * run while a synth computes, and its stale takeover removes the lock before re-creating it, so two
 * synths taking over one stale lock can both succeed.
 */
import { createHash, randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { processStartTime } from "./invoker-watch";

export interface LockOwner {
  readonly pid: number;
  readonly host: string | undefined;
  readonly started: string | undefined;
}

export type OutdirLock = { readonly held: true; readonly file: string; release(): void } | { readonly held: false; readonly file: string; readonly owner: LockOwner };

/** The lock file of an output directory: beside it, as the directory itself is swapped whole. */
export function lockFileOf(outdir: string): string {
  return join(dirname(outdir), `.${basename(outdir)}.lock`);
}

/** Parses a lock's content; a bare pid (an older pullguard's lock) parses too. */
export function parseLock(text: string): LockOwner {
  const fields = new Map(text.trim().split(/\s+/).map((field) => {
    const at = field.indexOf("=");
    return at < 0 ? ["pid", field] : [field.slice(0, at), field.slice(at + 1)];
  }));
  return { pid: Number(fields.get("pid")), host: fields.get("host"), started: fields.get("started") };
}

function isRunning(owner: LockOwner): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  if (owner.host !== undefined && owner.host !== hostname()) return true; // cannot tell: treat as held
  if (owner.pid === process.pid) return false; // a lock naming this very process is left over
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // The pid runs, but a process started after the lock's owner is not its owner.
  const started = processStartTime(owner.pid);
  return owner.started === undefined || started === undefined || started === owner.started;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Hard-links `from` to `to`; false if `to` exists. */
function linkIfAbsent(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Removes the stale lock whose content is `stale`, unless another synth is doing so or already did.
 * Returns once the lock is gone or replaced (the caller then tries to take it again).
 */
function takeOver(file: string, stale: string): void {
  const claim = `${file}.takeover-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}`;
  let claimed: boolean;
  try {
    claimed = linkIfAbsent(file, claim);
  } catch (error) {
    // The lock is gone already: another synth took it over (the caller tries again).
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (!claimed) {
    // Another synth claimed it a moment ago; a claim still there after a while is its leftover
    // (it was killed in between): removed, and the next round claims again.
    sleep(50);
    if (readOrUndefined(file) === stale && readOrUndefined(claim) === stale) {
      sleep(500);
      if (readOrUndefined(file) === stale) rmSync(claim, { force: true });
    }
    return;
  }
  try {
    // The claim links whatever the lock was at that instant: the stale lock, or a newer one.
    if (readOrUndefined(claim) === stale) rmSync(file, { force: true });
  } finally {
    rmSync(claim, { force: true });
  }
}

/**
 * Takes the output directory's lock, or reports the live process that holds it. Throws the file
 * system's error (EACCES, EROFS, ENOSPC...) when the lock cannot be written at all.
 */
export function lockOutdir(outdir: string): OutdirLock {
  const file = lockFileOf(outdir);
  mkdirSync(dirname(file), { recursive: true });
  const content = `pid=${process.pid} host=${hostname()} started=${processStartTime(process.pid) ?? "unknown"} token=${randomBytes(8).toString("hex")}\n`;
  const mine = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(mine, content, { flag: "wx" });
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (linkIfAbsent(mine, file)) {
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          // Only our own lock: one removed by hand and taken by another synth is not ours to remove.
          if (readOrUndefined(file) === content) rmSync(file, { force: true });
        };
        process.once("exit", release);
        return { held: true, file, release };
      }
      const current = readOrUndefined(file);
      if (current === undefined) continue; // released meanwhile: try again
      const owner = parseLock(current);
      if (isRunning(owner)) return { held: false, file, owner };
      takeOver(file, current);
    }
    const last = readOrUndefined(file);
    return { held: false, file, owner: last === undefined ? { pid: Number.NaN, host: undefined, started: undefined } : parseLock(last) };
  } finally {
    rmSync(mine, { force: true });
  }
}
