/**
 * Summarizes V8 CPU profiles of the app bundle by where the time went: which package or
 * pullguard directory each sampled function's code came from. The bundle is one file, so a
 * function's origin comes from esbuild's `// <path>` comments that open every bundled module.
 */
import { readFileSync } from "node:fs";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const IDLE = "(idle)";

export interface ProfileShare {
  readonly area: string;
  readonly milliseconds: number;
  readonly share: number;
}

/** Module start lines of an esbuild bundle: [first line (0-based), module path], ascending. */
export function bundleModules(bundle: string): Array<[number, string]> {
  const modules: Array<[number, string]> = [];
  const lines = bundle.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^\/\/ ((?:\.\.\/)*[\w@.\-/]+\.(?:c?js|ts|json))$/.exec(lines[i]!);
    if (match) modules.push([i, match[1]!]);
  }
  return modules;
}

/** The area a bundled module belongs to: a package name, or pullguard's own directory. */
export function areaOf(modulePath: string): string {
  const nodeModules = modulePath.lastIndexOf("node_modules/");
  if (nodeModules >= 0) {
    const rest = modulePath.slice(nodeModules + "node_modules/".length).split("/");
    const pkg = rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
    if (pkg === "cdktf" && rest[2] === "tokens") return "cdktf tokens";
    return pkg;
  }
  return `pullguard ${modulePath.split("/")[0]}`;
}

function moduleAt(modules: ReadonlyArray<[number, string]>, line: number): string | undefined {
  let low = 0;
  let high = modules.length - 1;
  let found: string | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (modules[mid]![0] <= line) {
      found = modules[mid]![1];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** Self time per area over one or more profiles (threads, processes), largest first. */
export function summarizeProfiles(profiles: readonly CpuProfile[], bundle: string, isBundle: (url: string) => boolean): ProfileShare[] {
  const modules = bundleModules(bundle);
  const totals = new Map<string, number>();
  let all = 0;
  for (const profile of profiles) all += addSelfTimes(profile, modules, isBundle, totals);
  return [...totals]
    .map(([area, micros]) => ({ area, milliseconds: micros / 1000, share: all > 0 ? micros / all : 0 }))
    .sort((a, b) => b.milliseconds - a.milliseconds);
}

/** Adds one profile's self time (microseconds) per area to `totals`; returns the profile's total. */
function addSelfTimes(profile: CpuProfile, modules: ReadonlyArray<[number, string]>, isBundle: (url: string) => boolean, totals: Map<string, number>): number {
  const areaOfNode = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    let area: string;
    if (functionName === "(garbage collector)") area = "garbage collection";
    // Waiting spends no CPU: a thread idle (the main thread awaiting its worker), or a process
    // blocked on its child (scripts/synth.js restarted with tuned V8 flags).
    else if (functionName === "(idle)" || (functionName === "spawnSync" && url.startsWith("node:"))) area = IDLE;
    else if (functionName === "(program)") area = "V8 and Node.js start-up";
    else if (functionName === "captureStackTrace") area = "stack trace capture";
    else if (isBundle(url)) {
      const module = moduleAt(modules, lineNumber);
      area = module === undefined ? "esbuild runtime helpers" : areaOf(module);
    }
    else if (url.startsWith("node:") || url === "") area = "Node.js built-ins";
    else area = "other";
    areaOfNode.set(node.id, area);
  }
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const micros = profile.timeDeltas[i] ?? 0;
    const area = areaOfNode.get(profile.samples[i]!) ?? "other";
    if (area === IDLE) continue;
    totals.set(area, (totals.get(area) ?? 0) + micros);
    all += micros;
  }
  return all;
}

export function readProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
}
