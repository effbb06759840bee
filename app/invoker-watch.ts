/**
 * A synth stops when whoever started it is gone. `npm run synth` runs `sh -c "node scripts/synth.js"`:
 * npm killed with SIGTERM kills the shell only, and npm killed with SIGKILL leaves the shell
 * waiting, so without a check the node process would go on and swap its tree in long after the
 * pipeline gave up on it. The cdktf CLI runs its app through a shell too.
 *
 * The chain from this process up to its invoker (the first ancestor that is not a shell, or the
 * scripts/synth.js that restarted itself with V8 flags) is recorded at start; the synth checks at
 * each stack and before it swaps its tree in that every link of it still holds. A broken link means
 * a process of the chain died: the synth then stops, leaving the previous tree marked incomplete.
 *
 * Watched only when npm, the cdktf CLI or scripts/synth.js started the app (a plain
 * `node scripts/app.js` belongs to whoever runs it, who may well let it outlive its shell).
 * Ancestors beyond the parent are read from /proc (Linux); elsewhere only the parent is watched.
 */
import { readFileSync } from "node:fs";

const SHELLS = new Set(["sh", "dash", "bash", "zsh", "ash", "ksh"]);

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  if (pid === process.pid) return process.ppid;
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/** When a process started (clock ticks since boot, Linux), to tell a reused pid from its first owner. */
export function processStartTime(pid: number): string | undefined {
  return statFields(pid)?.[19];
}

function commandName(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return undefined;
  }
}

type Link = readonly [child: number, parent: number];

/** The links from this process up to its invoker (see above). */
export function invokerChain(env: NodeJS.ProcessEnv = process.env): Link[] {
  const links: Link[] = [[process.pid, process.ppid]];
  let skipLauncher = env.PULLGUARD_V8_TUNED === "1";
  for (;;) {
    const [, parent] = links[links.length - 1]!;
    const wrapper = skipLauncher || SHELLS.has(commandName(parent) ?? "");
    skipLauncher = false;
    const grandparent = wrapper ? parentOf(parent) : undefined;
    if (grandparent === undefined || grandparent <= 1 || links.length > 8) return links;
    links.push([parent, grandparent]);
  }
}

/** True when npm, the cdktf CLI (CDKTF_OUTDIR) or scripts/synth.js's restart started this process. */
export function startedByRunner(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.npm_lifecycle_event !== undefined || env.PULLGUARD_V8_TUNED === "1" || env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === "true";
}

export class InvokerGone extends Error {}

let chain: Link[] | undefined;
let lastCheck = 0;

/** Records the chain to watch (once, at start). */
export function watchInvoker(env: NodeJS.ProcessEnv = process.env): void {
  chain = startedByRunner(env) ? invokerChain(env) : [];
}

/** Throws InvokerGone when a process of the recorded chain died. `throttleMs` spaces out checks in loops. */
export function stopIfInvokerGone(throttleMs = 0): void {
  if (!chain || chain.length === 0) return;
  const now = Date.now();
  if (throttleMs > 0 && now - lastCheck < throttleMs) return;
  lastCheck = now;
  const broken = chain.find(([child, parent]) => parentOf(child) !== parent);
  if (broken) throw new InvokerGone(`the process that started this synth (${broken[1]}) is gone`);
}
