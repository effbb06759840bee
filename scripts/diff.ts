/**
 * `npm run diff -- [<base-ref>] [--json] [--base-dir <dir>] [--head-dir <dir>] [--budget-markdown <file>]`
 *
 * Shows what a change does to the synthesized Terraform JSON: stacks, resources, data sources,
 * variables, outputs, providers and the terraform block added, removed or changed, with each
 * changed attribute (inside JSON-string attributes such as policies too). Offline: it
 * synthesizes both sides locally and needs no AWS credentials and no Terraform.
 *
 * - head: the working tree as it is, uncommitted changes included (`node scripts/app.js`), or
 *   `--head-dir`, an already-synthesized cdktf.out directory;
 * - base: <base-ref> (default origin/main, else main, else HEAD) checked out in a temporary git
 *   worktree and synthesized there with this checkout's node_modules, or `--base-dir`.
 *
 * Both sides' pull-budget.json are compared too (scripts/lib/tf-json-diff-budget.ts): a text
 * section, `budget` in the JSON, and with `--budget-markdown <file>` Markdown for the PR comment.
 *
 * Exit 0 whenever the comparison ran, differences or not; exit 2, with one line on stderr (and
 * the app's stderr when a synth failed), on a usage error or when either side cannot be built.
 * The diff logic itself is scripts/lib/tf-json-diff*.ts (stacks, blocks, values, text); docs/diff.md has examples.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { resolveConfigPath } from "../config/config-file";
import { md, renderMarkdown } from "../core/markdown";
import { budgetDiffMarkdown, budgetDiffText } from "../core/report";
import { budgetDiffOf } from "./lib/tf-json-diff-budget";
import { diffStacks, summarize } from "./lib/tf-json-diff";
import type { TfJson } from "./lib/tf-json-diff-blocks";
import { DiffError, parseArgs, USAGE, type Options } from "./lib/diff-args";
import { formatDiff } from "./lib/tf-json-diff-text";

/**
 * The project whose working tree is diffed, and how a checkout of it is synthesized: this
 * repository (scripts/app.js) by default; `pullguard diff` (cli/diff.ts) passes the user's
 * platform repository and its own synth command.
 */
export interface DiffApp {
  readonly root: string;
  /** node's arguments that synthesize the project checked out at `projectDir` into CDKTF_OUTDIR. */
  readonly synthArgs?: (projectDir: string) => string[];
}
let projectRoot = resolve(__dirname, "..");
let appSynthArgs: DiffApp["synthArgs"];
const CONFIG_ENV_VAR = "PULLGUARD_CONFIG";
const SYNTH_TIMEOUT_MS = 10 * 60 * 1000;

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: SYNTH_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
}

function git(args: readonly string[], cwd = projectRoot): string {
  const result = run("git", args, cwd);
  if (result.error) throw new DiffError(`git ${args[0]} failed: ${result.error.message}`);
  if (result.status !== 0) throw new DiffError(`git ${args.join(" ")} failed: ${firstLine(result.stderr) || `exit ${result.status}`}`, result.stderr);
  return result.stdout.trim();
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}

function commitOf(ref: string): string | undefined {
  const result = run("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], projectRoot);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function defaultRef(): string {
  return ["origin/main", "main"].find((ref) => commitOf(ref) !== undefined) ?? "HEAD";
}

/**
 * Reads `<dir>/stacks/<stack>/cdk.tf.json` for every stack directory that has one. A directory
 * given on the command line must have stacks/; one this script synthesized may lack it only
 * because the config has no stacks at all.
 */
function readStacks(dir: string, label: string, synthesized = false): Record<string, TfJson> {
  const stacksDir = join(dir, "stacks");
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DiffError(`${label} ${dir} is not a directory`);
  const stacks: Record<string, TfJson> = {};
  if (!existsSync(stacksDir)) {
    if (synthesized) return stacks;
    throw new DiffError(`${label} ${dir} has no stacks/ directory: not a synthesized cdktf.out directory`);
  }
  for (const entry of readdirSync(stacksDir, { withFileTypes: true })) {
    const file = join(stacksDir, entry.name, "cdk.tf.json");
    if (!entry.isDirectory() || !existsSync(file)) continue; // e.g. a directory left holding only .terraform/
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new DiffError(`${label}: cannot read ${file}: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new DiffError(`${label}: ${file} is not a JSON object`);
    stacks[entry.name] = parsed as TfJson;
  }
  return stacks;
}

/** Runs a synth command; a failure becomes exit 2 with the app's stderr. */
function synth(what: string, cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): void {
  const result = run(process.execPath, args, cwd, env);
  if (result.error) throw new DiffError(`synth of ${what} failed: ${result.error.message}`, result.stderr ?? "");
  if (result.status !== 0) {
    const how = result.signal ? `killed by ${result.signal}` : `exit ${result.status}`;
    throw new DiffError(`synth of ${what} failed (${how})`, result.stderr);
  }
}

/**
 * PULLGUARD_CONFIG is passed on to both synths. A file inside the repository is read from each
 * side's own checkout, so a config change shows up in the diff; a file outside it (or one the
 * base ref does not have) is the same file for both, so only code changes show.
 */
export function configFor(env: NodeJS.ProcessEnv, gitTop: string, worktree: string, notes: string[]): string | undefined {
  const value = env[CONFIG_ENV_VAR];
  if (value === undefined || value.trim() === "") return value;
  const file = resolveConfigPath(value, env);
  const inRepo = relative(gitTop, file);
  if (inRepo.startsWith("..") || isAbsolute(inRepo)) {
    // Otherwise a config change made there reads "No changes" with nothing to say why.
    notes.push(`${CONFIG_ENV_VAR}=${value} is outside the repository: both sides were synthesized from that one file, so only code changes show`);
    return file;
  }
  const baseFile = join(worktree, inRepo);
  if (existsSync(baseFile)) return baseFile;
  notes.push(`base ref has no ${inRepo}; the base was synthesized with the working tree's ${inRepo}`);
  return file;
}

interface Side {
  /** What the report header calls this side: a directory, `working tree`, or `<ref> (<short commit>)`. */
  readonly label: string;
  readonly dir?: string;
  readonly ref?: string;
  readonly commit?: string;
  readonly stacks: Record<string, TfJson>;
  /** The directory holding this side's pull-budget.json. */
  readonly out: string;
}

interface Context {
  readonly temp: string[];
  worktree?: string;
  gitTop?: string;
}

function headSide(options: Options, context: Context): Side {
  if (options.headDir !== undefined) return { label: options.headDir, dir: options.headDir, stacks: readStacks(options.headDir, "--head-dir"), out: options.headDir };
  const temp = mkdtempSync(join(tmpdir(), "pullguard-diff-head-"));
  context.temp.push(temp);
  const out = join(temp, "head");
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: out };
  const config = env[CONFIG_ENV_VAR];
  if (config !== undefined && config.trim() !== "") env[CONFIG_ENV_VAR] = resolveConfigPath(config, process.env);
  synth("the working tree", projectRoot, appSynthArgs?.(projectRoot) ?? [join(projectRoot, "scripts", "app.js")], env);
  return { label: "working tree", stacks: readStacks(out, "head", true), out };
}

function baseSide(options: Options, context: Context, notes: string[]): Side {
  if (options.baseDir !== undefined) return { label: options.baseDir, dir: options.baseDir, stacks: readStacks(options.baseDir, "--base-dir"), out: options.baseDir };
  const ref = options.ref ?? defaultRef();
  const commit = commitOf(ref);
  if (commit === undefined) throw new DiffError(`unknown git ref ${ref}: not a commit in this repository`);
  const gitTop = git(["rev-parse", "--show-toplevel"]);
  const temp = mkdtempSync(join(tmpdir(), "pullguard-diff-base-"));
  context.temp.push(temp);
  const worktree = join(temp, "base");
  context.worktree = worktree; // before `add`: a half-made worktree is cleaned up too
  context.gitTop = gitTop;
  git(["worktree", "add", "--detach", worktree, commit], gitTop);

  // The project may sit below the repository root; node_modules is not in git, so borrow ours.
  const project = join(worktree, relative(gitTop, projectRoot));
  if (!existsSync(project)) throw new DiffError(`${ref} has no ${relative(gitTop, projectRoot) || "."} directory`);
  symlinkSync(join(projectRoot, "node_modules"), join(project, "node_modules"), "dir");

  const out = join(temp, "base-out");
  // PULLGUARD_NO_CACHE: app.js keeps one cached bundle in node_modules/.cache and evicts the
  // others; the base would evict the working tree's bundle from the shared node_modules.
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: out, PULLGUARD_NO_CACHE: "1" };
  const config = configFor(process.env, gitTop, worktree, notes);
  if (config !== undefined) env[CONFIG_ENV_VAR] = config;
  const short = commit.slice(0, 12);
  if (appSynthArgs !== undefined) {
    synth(`${ref} (${short})`, project, appSynthArgs(project), env);
  } else if (existsSync(join(project, "scripts", "app.js"))) {
    synth(`${ref} (${short})`, project, [join(project, "scripts", "app.js")], env);
  } else if (existsSync(join(project, "main.ts"))) {
    // Older refs: what their cdktf.json ran. tsx from our node_modules, like `npx tsx main.ts` but never a download.
    notes.push(`${ref} has no scripts/app.js; synthesized it with tsx main.ts`);
    synth(`${ref} (${short})`, project, [require.resolve("tsx/cli"), "main.ts"], env);
  } else {
    throw new DiffError(`${ref} (${short}) has neither scripts/app.js nor main.ts: nothing to synthesize`);
  }
  return { label: `${ref} (${short})`, ref, commit, stacks: readStacks(out, "base", true), out };
}

function cleanup(context: Context): void {
  if (context.worktree && context.gitTop) {
    const removed = run("git", ["worktree", "remove", "--force", context.worktree], context.gitTop);
    if (removed.status !== 0) {
      rmSync(context.worktree, { recursive: true, force: true });
      run("git", ["worktree", "prune"], context.gitTop); // forgets worktrees whose directory is gone
    }
    context.worktree = undefined;
  }
  for (const dir of context.temp.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function diffMain(argv: readonly string[], app?: DiffApp): number {
  if (app !== undefined) {
    projectRoot = app.root;
    appSynthArgs = app.synthArgs;
  }
  let options: Options | "help";
  try {
    options = parseArgs(argv);
  } catch (error) {
    return fail(error);
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  // Without handlers a Ctrl-C would kill this process mid-synth and leave the worktree behind.
  // With them, the signal is only delivered once the synchronous run below is over: the child
  // synth gets the Ctrl-C too and fails, the finally removes the worktree, and the exit code
  // still says "interrupted".
  const onSignal = (received: NodeJS.Signals) => (process.exitCode = received === "SIGINT" ? 130 : received === "SIGHUP" ? 129 : 143);
  for (const name of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(name, onSignal);
  const context: Context = { temp: [] };
  const notes: string[] = [];
  try {
    const head = headSide(options, context);
    const base = baseSide(options, context, notes);
    const diffs = diffStacks(base.stacks, head.stacks);
    const budget = budgetDiffOf({ dir: base.out, label: base.dir !== undefined ? "--base-dir" : "base" }, { dir: head.out, label: head.dir !== undefined ? "--head-dir" : "head" }, notes);
    if (options.budgetMarkdown !== undefined) {
      // The notes may quote a parse error of a file's text: escaped like any other text in the comment.
      const text = budget ? budgetDiffMarkdown(budget) : renderMarkdown([md`The pull budget was not compared: ${notes.filter((n) => n.includes("pull-budget.json")).join("; ")}.`]);
      writeFileSync(options.budgetMarkdown, `${text}\n`);
    }
    if (options.json) {
      const side = ({ stacks: _stacks, out: _out, ...described }: Side) => described;
      const report = { base: side(base), head: side(head), notes, summary: summarize(diffs), stacks: diffs, ...(budget ? { budget } : {}) };
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      const header = [`pullguard diff: ${base.label} → ${head.label}`, ...notes.map((note) => `note: ${note}`), ""];
      process.stdout.write(`${header.join("\n")}\n${formatDiff(diffs, budget ? [budgetDiffText(budget)] : [])}`);
    }
    return 0;
  } catch (error) {
    return fail(error);
  } finally {
    cleanup(context);
  }
}

function fail(error: unknown): number {
  if (error instanceof DiffError) {
    console.error(`pullguard diff: ${error.message}`);
    if (error.detail.trim() !== "") console.error(error.detail.trimEnd());
  } else {
    console.error(`pullguard diff: internal error: ${(error as Error).message}`);
    if (process.env.PULLGUARD_DEBUG) console.error((error as Error).stack);
  }
  return 2;
}

// Run as a script; imported (by a test of configFor), it does nothing.
if (require.main === module) process.exitCode = diffMain(process.argv.slice(2));
