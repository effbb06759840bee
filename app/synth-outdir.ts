/**
 * How a synth replaces its output directory: whole, so that a reader sees the previous tree or
 * the new one, never a mix (docs/output-format.md#how-a-synth-replaces-the-directory).
 *
 * With the lock held (app/outdir-lock.ts), a synth first cleans up after synths that died
 * (their staging trees, and a tree caught between the two renames of a swap), then marks the
 * current tree INCOMPLETE, and writes everything into a staging directory beside it
 * (`.<name>.new-<pid>`, same file system). When done it carries Terraform's own files
 * (.terraform/, .terraform.lock.hcl, plan files) of the stacks that remain into the staging tree
 * (hard links, so no copy of provider binaries), then swaps: the old tree is renamed to
 * `.<name>.old-<pid>`, the staging tree to the output name, and the old tree is removed. The
 * marker goes with the old tree; a synth killed before the swap leaves the old tree with the
 * marker. Rebuilding the whole tree also leaves one output format per stack directory: a JSON
 * synth after an HCL one leaves no cdk.tf behind.
 */
import { copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { EnvironmentFailure } from "./synth-messages";

/** The file a synth that did not finish leaves in the output directory. */
export const INCOMPLETE_MARKER = "INCOMPLETE";
/** What a synth writes at the top of an output directory (and an older pullguard's lock). */
const OWN_ENTRIES = new Set(["stacks", "manifest.json", "pull-budget.json", "pull-budget.md", INCOMPLETE_MARKER, ".pullguard.lock"]);
/** What a synth writes in a stack directory; anything else there is Terraform's and is kept. */
const GENERATED_STACK_FILES = new Set(["cdk.tf.json", "cdk.tf", "metadata.json"]);

export function outdirOf(env: NodeJS.ProcessEnv): string {
  return env.CDKTF_OUTDIR ?? "cdktf.out";
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** `src` recreated at `dest`: directories and symlinks anew, files hard-linked (copied where links fail). */
function linkTree(src: string, dest: string): void {
  const stat = lstatSync(src);
  if (stat.isSymbolicLink()) symlinkSync(readlinkSync(src), dest);
  else if (stat.isDirectory()) {
    mkdirSync(dest);
    for (const name of readdirSync(src)) linkTree(join(src, name), join(dest, name));
  } else {
    try {
      linkSync(src, dest);
    } catch {
      copyFileSync(src, dest);
    }
  }
}

export interface OutputTree {
  /** The output directory as given (CDKTF_OUTDIR, --output). */
  readonly outdir: string;
  /** Where this synth writes; swapped in by commit(). */
  readonly staging: string;
  /** A path under the staging tree, as it will be named once swapped in. */
  describe(path: string): string;
  /**
   * Swaps the staging tree in. `placeholders`: under the cdktf CLI, an empty directory for each
   * stack of the old tree the new one lacks (the CLI removes those it listed before the app ran,
   * and fails on one already gone).
   */
  commit(options?: { readonly placeholders?: boolean }): void;
  /** Empties the staging tree and swaps it in: no stale stack is left for a pipeline. */
  commitEmpty(): void;
  /** Removes the staging tree; the old tree stays, marked INCOMPLETE. */
  abandon(): void;
}

const MARKER_TEXT = (pid: number) =>
  `pullguard: the synth (process ${pid}) that started replacing this directory did not finish; the files here are an earlier synth's output, not the current config's. Run the synth again: it removes this file.\n`;

/** Staging and retired trees of earlier synths of `outdir` (beside it, by name). */
function leftovers(outdir: string): { readonly staging: string[]; readonly retired: string[] } {
  const prefix = `.${basename(outdir)}.`;
  const names = listing(dirname(outdir)).filter((name) => name.startsWith(prefix));
  const pick = (kind: string) => names.filter((name) => new RegExp(`^${kind}-\\d+$`).test(name.slice(prefix.length))).map((name) => join(dirname(outdir), name));
  return { staging: pick("new"), retired: pick("old") };
}

/** The real directory to replace: symlinks resolved, and never the working directory or one above it. */
export function resolveOutdir(outdir: string): string {
  let real = resolve(outdir);
  if (exists(real)) {
    real = realpathSync(real);
    if (!isDirectory(real)) throw new EnvironmentFailure(`pullguard: cannot write ${outdir}: it exists and is not a directory`);
  }
  const cwd = process.cwd();
  if (real === dirname(real) || cwd === real || cwd.startsWith(`${real}${sep}`)) {
    throw new EnvironmentFailure(`pullguard: cannot write ${outdir}: synth replaces its output directory whole, and this one holds the working directory; choose another (--output, CDKTF_OUTDIR)`);
  }
  return real;
}

/**
 * Prepares a synth of `outdir` (the lock held): cleans up after dead synths, marks the current
 * tree INCOMPLETE and creates the staging tree.
 */
export function prepareOutput(outdir: string): OutputTree {
  const real = resolveOutdir(outdir);
  const found = leftovers(real);
  // A synth killed between the two renames of its swap left the old tree retired and none in place.
  if (!exists(real) && found.retired.length > 0) renameSync(found.retired[0]!, real);
  for (const path of [...found.staging, ...found.retired]) rmSync(path, { recursive: true, force: true });
  const foreign = listing(real).find((name) => !OWN_ENTRIES.has(name));
  if (foreign !== undefined) {
    throw new EnvironmentFailure(`pullguard: cannot write ${outdir}: it holds ${foreign}, which synth did not write; synth replaces the directory whole, so it writes only into an empty directory or its own output`);
  }
  mkdirSync(real, { recursive: true });
  writeFileSync(join(real, INCOMPLETE_MARKER), MARKER_TEXT(process.pid));
  const staging = join(dirname(real), `.${basename(real)}.new-${process.pid}`);
  mkdirSync(staging);

  const commit = (options: { readonly placeholders?: boolean } = {}) => {
    const newStacks = join(staging, "stacks");
    const oldStacks = join(real, "stacks");
    for (const name of listing(newStacks)) {
      const from = join(oldStacks, name);
      if (!isDirectory(from)) continue;
      for (const entry of listing(from)) if (!GENERATED_STACK_FILES.has(entry)) linkTree(join(from, entry), join(newStacks, name, entry));
    }
    if (options.placeholders && isDirectory(newStacks)) {
      for (const name of listing(oldStacks)) if (isDirectory(join(oldStacks, name)) && !exists(join(newStacks, name))) mkdirSync(join(newStacks, name));
    }
    const retired = join(dirname(real), `.${basename(real)}.old-${process.pid}`);
    renameSync(real, retired);
    renameSync(staging, real);
    rmSync(retired, { recursive: true, force: true });
  };
  return {
    outdir,
    staging,
    describe: (path) => {
      const inside = relative(staging, path);
      return inside.startsWith("..") ? path : join(outdir, inside);
    },
    commit,
    commitEmpty: () => {
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      commit();
    },
    abandon: () => {
      try {
        rmSync(staging, { recursive: true, force: true });
      } catch {
        // Left for the next synth, which removes staging trees of dead synths.
      }
    },
  };
}
