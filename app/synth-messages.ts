/**
 * How a refused or crashed synth reaches the user exactly once.
 *
 * The cdktf CLI echoes everything an app writes to stderr as it arrives and then, when the app
 * exits non-zero, prints all of it again ("Command output on stderr"); stdout likewise. Under the
 * CLI the app therefore prints its lines once, on stdout, removes manifest.json and exits 0: the
 * CLI then fails by itself (no manifest to read) with exit 1, and `cdktf deploy`/`diff` stop
 * before Terraform runs. Run any other way (`npm run synth`, `node scripts/app.js`), the lines go
 * to stderr and the exit code says what happened (EXIT below).
 */

/** Exit codes of the app and of `npm run synth` (docs/output-format.md#exit-codes). */
export const EXIT = {
  ok: 0,
  /** The config or its plan was refused, or another synth holds the output directory. */
  refused: 1,
  /** A pullguard bug (or, from `npm run synth`, a command-line usage error). */
  internal: 2,
  /** The machine, not the config: disk full, read-only, no permission, or the invoker is gone. */
  environment: 3,
} as const;

/** File system errors that say something about the machine, not about pullguard. */
const ENVIRONMENT_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EIO: "input/output error",
  EBUSY: "resource busy (a mount point?)",
  EXDEV: "not on the same file system",
  ENOTDIR: "a path component is not a directory",
  ENAMETOOLONG: "file name too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
};

/** A failure of the machine, already worded as the one line to print. */
export class EnvironmentFailure extends Error {}

/**
 * The one line for a file system error that is the machine's (ENOSPC, EROFS, EACCES...), naming
 * the path (`describePath` maps a staging path to the output path the user knows); undefined for
 * any other error.
 */
export function environmentLine(error: unknown, fallbackPath: string, describePath: (path: string) => string = (path) => path): string | undefined {
  if (error instanceof EnvironmentFailure) return error.message;
  const system = error as NodeJS.ErrnoException | undefined;
  if (!system || typeof system.code !== "string" || typeof system.syscall !== "string") return undefined;
  const reason = ENVIRONMENT_ERRORS[system.code];
  if (!reason) return undefined;
  const path = typeof system.path === "string" ? describePath(system.path) : fallbackPath;
  return `pullguard: cannot write ${path}: ${reason} (${system.code})`;
}

/** Set by scripts/synth.js before it runs the app in its own process. */
export const DIRECT_SYNTH = Symbol.for("pullguard.directSynth");

/**
 * True when the cdktf CLI spawned this app: it sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS and
 * adds `cdktfRelativeModules` to the context for every app it runs.
 */
export function underCdktfCli(env: NodeJS.ProcessEnv): boolean {
  if ((globalThis as Record<symbol, unknown>)[DIRECT_SYNTH] === true) return false;
  if (env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== "true") return false;
  try {
    const context = JSON.parse(env.CDKTF_CONTEXT_JSON ?? "{}") as Record<string, unknown>;
    return context !== null && typeof context === "object" && "cdktfRelativeModules" in context;
  } catch {
    return false;
  }
}

/** Prints the lines of a run that wrote no stacks and returns the app's exit code. */
export function reportFailure(lines: readonly string[], exitCode: typeof EXIT.refused | typeof EXIT.internal, env: NodeJS.ProcessEnv = process.env): number {
  const text = lines.map((line) => `${line}\n`).join("");
  if (underCdktfCli(env)) {
    process.stdout.write(text);
    return 0;
  }
  process.stderr.write(text);
  return exitCode;
}
