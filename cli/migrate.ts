import { closeSync, existsSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { readConfigFile } from "../config/config-file";
import { migrateConfigText } from "../config/migrate-document";
import { formatPath, problemLine } from "../config/problems";
import { CONFIG_SCHEMA, type SchemaHistory } from "../config/schema-version";

/**
 * `pullguard migrate [<file>] [--check] [--dry-run]` (docs/upgrading.md): rewrites a YAML or JSON
 * config of an older schema version to the current one, in place, keeping comments and layout
 * (config/migrate-document.ts), through a temporary file renamed over the original.
 *
 *   exit 0  migrated, or nothing to do (--dry-run: the diff is printed, nothing written)
 *   exit 1  --check: the file needs a migration
 *   exit 2  usage error, or a file that cannot be read, parsed or migrated (one line per problem)
 *
 * Each io.stdout / io.stderr call is whole lines, newline included (process.stdout.write's contract).
 */
export interface MigrateIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
}

const USAGE = "usage: pullguard migrate [<config.yaml|config.yml|config.json>] [--check] [--dry-run]";
/** Looked for in the working directory when no file is named. */
export const DISCOVERED_CONFIG_FILES = ["pullguard.config.yaml", "pullguard.config.yml", "pullguard.config.json"];

export function migrateCommand(argv: readonly string[], io: { stdout: (s: string) => void; stderr: (s: string) => void; cwd: string }): number {
  return migrateWith(argv, io, CONFIG_SCHEMA);
}

/** The command against a given schema history; tests pass a synthetic one. */
export function migrateWith(argv: readonly string[], io: MigrateIo, history: SchemaHistory): number {
  const fail = (...lines: string[]) => {
    for (const line of lines) io.stderr(`${line}\n`);
    return 2;
  };
  const flags = new Set(argv.filter((a) => a.startsWith("-")));
  const files = argv.filter((a) => !a.startsWith("-"));
  if (flags.has("--help") || flags.has("-h")) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const unknown = [...flags].filter((f) => f !== "--check" && f !== "--dry-run");
  if (unknown.length > 0) return fail(`pullguard migrate: unknown option ${unknown[0]}`, USAGE);
  if (files.length > 1) return fail("pullguard migrate: name one config file", USAGE);

  const named = files[0] ?? DISCOVERED_CONFIG_FILES.find((f) => existsSync(join(io.cwd, f)));
  if (named === undefined) return fail(`pullguard migrate: no config file named and none of ${DISCOVERED_CONFIG_FILES.join(", ")} in ${io.cwd}`, USAGE);
  const extension = extname(named).toLowerCase();
  if (extension === ".ts" || extension === ".js") {
    return fail(`${named}: pullguard migrate rewrites YAML and JSON configs; in a TypeScript config rename the keys \`npm run synth\` names (docs/upgrading.md)`);
  }
  if (![".yaml", ".yml", ".json"].includes(extension)) return fail(`${named}: must be a .yaml, .yml or .json file`);
  const path = resolve(io.cwd, named);
  const read = readConfigFile(path);
  if ("problem" in read) return fail(`${named}: ${read.problem}`);
  const bom = readFileSync(path).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? "\ufeff" : "";
  const before = bom + read.text;

  const result = migrateConfigText(before, extension === ".json" ? "JSON" : "YAML", named, history);
  if (!result.ok) return fail(...result.problems.map(problemLine), `pullguard migrate: ${named} was not changed`);
  if (result.from === result.to) {
    io.stdout(`pullguard migrate: ${named} is at config schema version ${result.from}, the current one; nothing to do\n`);
    return 0;
  }
  for (const move of result.moves) io.stdout(`${formatPath(move.from)} -> ${formatPath(move.to)} (config schema version ${move.version})\n`);
  const what = `${named}: config schema version ${result.from} -> ${result.to}, ${result.moves.length} key${result.moves.length === 1 ? "" : "s"} moved`;
  if (flags.has("--dry-run") || flags.has("--check")) {
    if (flags.has("--dry-run")) io.stdout(unifiedDiff(before, result.text, named));
    io.stdout(`pullguard migrate: ${what}; ${flags.has("--check") ? "migration needed" : "dry run, nothing written"}\n`);
    return flags.has("--check") ? 1 : 0;
  }
  const written = writeAtomically(path, result.text, statSync(path));
  if (written !== undefined) return fail(`${named}: ${written}; the file was not changed`);
  io.stdout(`pullguard migrate: ${what}; written\n`);
  return 0;
}

/**
 * Writes beside the target (same file system, so the rename is atomic) and renames over it: a
 * reader sees the old file or the new one, never half of one. A symlink is followed, so the link
 * stays a link. Refuses when the file changed since it was read.
 */
function writeAtomically(path: string, text: string, readStat: { mtimeMs: number; size: number; mode: number }): string | undefined {
  const target = realpathSync(path);
  const temp = join(dirname(target), `.${basename(target)}.pullguard-migrate-${process.pid}.tmp`);
  try {
    const fd = openSync(temp, "wx", readStat.mode & 0o777);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const now = statSync(target);
    if (now.mtimeMs !== readStat.mtimeMs || now.size !== readStat.size) {
      unlinkSync(temp);
      return "changed while it was being migrated; run pullguard migrate again";
    }
    renameSync(temp, target);
    return undefined;
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    return `cannot be written (${(error as NodeJS.ErrnoException).code ?? "unknown error"})`;
  }
}

/** A unified diff (3 lines of context) of two texts; a migration changes few lines. */
export function unifiedDiff(a: string, b: string, name: string): string {
  if (a === b) return "";
  const x = a.split("\n");
  const y = b.split("\n");
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  const ops = middleOps(x.slice(start, endX), y.slice(start, endY));
  const all: Array<[" " | "-" | "+", string]> = [...x.slice(0, start).map((l): [" ", string] => [" ", l]), ...ops, ...x.slice(endX).map((l): [" ", string] => [" ", l])];
  const out = [`--- ${name}\n`, `+++ ${name} (migrated)\n`];
  const changed = all.map((op, i) => (op[0] === " " ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    let j = i;
    while (j + 1 < changed.length && changed[j + 1]! - changed[j]! <= 7) j++;
    const from = Math.max(0, changed[i]! - 3);
    const to = Math.min(all.length, changed[j]! + 4);
    const slice = all.slice(from, to);
    const lineA = all.slice(0, from).filter((o) => o[0] !== "+").length + 1;
    const lineB = all.slice(0, from).filter((o) => o[0] !== "-").length + 1;
    out.push(`@@ -${lineA},${slice.filter((o) => o[0] !== "+").length} +${lineB},${slice.filter((o) => o[0] !== "-").length} @@\n`);
    for (const [op, line] of slice) out.push(`${op}${line}\n`);
    i = j + 1;
  }
  return out.join("");
}

/** Longest-common-subsequence edit of the differing middle; past 4M cells, all of it removed then added. */
function middleOps(x: readonly string[], y: readonly string[]): Array<[" " | "-" | "+", string]> {
  if (x.length * y.length > 4_000_000) return [...x.map((l): ["-", string] => ["-", l]), ...y.map((l): ["+", string] => ["+", l])];
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: Array<[" " | "-" | "+", string]> = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      ops.push([" ", x[i]!]);
      i++;
      j++;
    } else if (i < x.length && (j === y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push(["-", x[i++]!]);
    else ops.push(["+", y[j++]!]);
  }
  return ops;
}

if (require.main === module) {
  // `npm run migrate` starts in the package root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  process.exitCode = migrateCommand(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd });
}
