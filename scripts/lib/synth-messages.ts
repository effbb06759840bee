/**
 * How a refused or crashed synth reaches the user exactly once.
 *
 * The cdktf CLI echoes everything an app writes to stderr as it arrives and then, when the app
 * exits non-zero, prints all of it again ("Command output on stderr"); stdout likewise. Under the
 * CLI the app therefore prints its lines once, on stdout, removes manifest.json and exits 0: the
 * CLI then fails by itself (no manifest to read) with exit 1, and `cdktf deploy`/`diff` stop
 * before Terraform runs. Run any other way (`npm run synth`, `node scripts/app.js`), the lines go
 * to stderr and the exit code says what happened (1 refused, 2 internal error).
 */

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
export function reportFailure(lines: readonly string[], exitCode: 1 | 2, env: NodeJS.ProcessEnv = process.env): number {
  const text = lines.map((line) => `${line}\n`).join("");
  if (underCdktfCli(env)) {
    process.stdout.write(text);
    return 0;
  }
  process.stderr.write(text);
  return exitCode;
}
