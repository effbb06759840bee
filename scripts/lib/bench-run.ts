/**
 * Timing helpers for `npm run bench`: whole commands timed from outside (start-up included), peak
 * memory read from every Node.js process of the command through a preloaded module, medians and
 * paired ratios. Only Node.js itself is needed, so anyone can rerun the figures.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Command {
  readonly label: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface Timing {
  readonly seconds: number;
  /** Largest resident set of any Node.js process of the command, in MB. */
  readonly peakMb: number;
  /** User + system CPU seconds of all Node.js processes of the command. */
  readonly cpuSeconds: number;
}

const rssDir = mkdtempSync(join(tmpdir(), "pullguard-bench-rss-"));
const preload = join(rssDir, "record-peak-rss.js");
writeFileSync(
  preload,
  `process.on("exit", () => { const u = process.resourceUsage(); require("fs").writeFileSync(${JSON.stringify(rssDir)} + "/" + process.pid + ".rss", u.maxRSS + " " + (u.userCPUTime + u.systemCPUTime)); });\n`,
);
process.on("exit", () => rmSync(rssDir, { recursive: true, force: true }));

/** Peak RSS (MB) and summed CPU (s) recorded by the preload since the last call. */
function usage(): { peakMb: number; cpuSeconds: number } {
  let peak = 0;
  let cpu = 0;
  for (const name of readdirSync(rssDir)) {
    if (!name.endsWith(".rss")) continue;
    const [rss, micros] = readFileSync(join(rssDir, name), "utf8").split(" ").map(Number);
    peak = Math.max(peak, rss!);
    cpu += micros!;
    rmSync(join(rssDir, name));
  }
  return { peakMb: peak / 1024, cpuSeconds: cpu / 1e6 };
}

/** Runs the command once; it must exit 0. */
export function time(command: Command, withPeak = false): Timing {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", ...command.env };
  // Peak memory and CPU need the preload, which changes NODE_OPTIONS: only asked for where reported.
  if (withPeak) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${preload}`.trim();
  usage();
  const start = process.hrtime.bigint();
  const run = spawnSync(command.file, command.args, { cwd: command.cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${command.label} failed (exit ${run.status}): ${run.stderr}${run.stdout}`.slice(0, 4000));
  return { seconds, ...(withPeak ? usage() : { peakMb: 0, cpuSeconds: 0 }) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Rounds {
  /** Seconds per command label, one entry per round. */
  readonly seconds: Record<string, number[]>;
}

/**
 * Runs every command once per round, in turn (A B C, A B C, ...), after one warm-up round, so a
 * ratio taken within a round compares runs made under the same machine load.
 */
export function interleave(commands: readonly Command[], rounds: number): Rounds {
  for (const command of commands) time(command);
  const seconds: Record<string, number[]> = Object.fromEntries(commands.map((c) => [c.label, []]));
  for (let round = 0; round < rounds; round++) {
    for (const command of commands) seconds[command.label]!.push(time(command).seconds);
  }
  return { seconds };
}

/** Median over rounds of a/b taken within each round. */
export function pairedRatio(rounds: Rounds, a: string, b: string): number {
  const left = rounds.seconds[a]!;
  const right = rounds.seconds[b]!;
  return median(left.map((value, k) => value / right[k]!));
}
