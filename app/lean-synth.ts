/**
 * `app.synth()` without the cdktf bookkeeping that pullguard's stacks never need, which was over
 * 60% of synth time at 10,000 services (docs/benchmarks.md). Output is byte-identical to a plain
 * `app.synth()` (__tests__/app/lean-synth.test.ts compares them on every example). Three things, each
 * active only while the stacks are built and synthesized, with the globals restored afterwards:
 *
 * 1. No token creation stack traces. cdktf captures a full stack trace for every token it makes
 *    (hundreds of thousands for a large platform) only to show it if the token fails to resolve;
 *    it raises Error.stackTraceLimit itself before capturing, so the capture function is stubbed.
 * 2. No preparing resolve pass. `prepareStack` resolves every stack once only to discover
 *    cross-stack references; pullguard plans every stack whole and never references another
 *    stack's resources (a reference would fail `terraform validate` in
 *    __tests__/terraform-plan.test.ts), so each stack only ensures its backend.
 * 3. Each value resolved once, and only tokens by cdktf. A stack's toTerraform resolves every
 *    element, merges the results and resolves the merged document again. Resolving data that holds
 *    no token, no undefined and only plain objects and arrays returns an equal copy, so that second
 *    pass returns the document as is when a check (much cheaper than resolving) finds nothing to
 *    resolve in it; otherwise (a token in an override, say) it is resolved as the first pass is.
 *    Every resolve copies plain data itself and hands cdktf the tokens alone
 *    (app/resolve-once.ts), which skips cdktf's per-value context for most of a stack.
 *    JSON output only: HCL output goes through cdktf untouched.
 */
import { type App, TerraformStack, Tokenization } from "cdktf";
import { isResolvedData, resolveData } from "./resolve-once";

export { isResolvedData } from "./resolve-once";

/** The document a stack's toTerraform resolves last: its "//" block holds metadata and outputs. */
function isStackDocument(value: unknown, scope: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const marker = (value as Record<string, unknown>)["//"];
  return marker !== null && typeof marker === "object" && "metadata" in marker && "outputs" in marker && TerraformStack.isStack(scope);
}

/**
 * Runs `run` without the stack trace cdktf captures for every token it creates (point 1 above),
 * the globals restored afterwards. The in-memory test synths use it too (__tests__/helpers/synth.ts).
 */
export function withoutTokenStackTraces<T>(run: () => T): T {
  const previousPrepare = Error.prepareStackTrace;
  const previousCapture = Error.captureStackTrace;
  Error.prepareStackTrace = () => "";
  Error.captureStackTrace = () => undefined;
  try {
    return run();
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.captureStackTrace = previousCapture;
  }
}

/** Runs `run` with cdktf's bookkeeping switched off (see above), and cdktf's globals restored afterwards. */
function withLeanCdktf<T>(app: App, run: () => T): T {
  const previousResolve = Tokenization.resolve;
  // HCL output renders documents its own way: it goes through cdktf's resolve untouched.
  const jsonOutput = !app.hclOutput;
  Tokenization.resolve = (obj, options) => {
    if (!jsonOutput) return previousResolve.call(Tokenization, obj, options);
    if (!options.preparing && isStackDocument(obj, options.scope) && isResolvedData(obj)) return obj;
    try {
      return resolveData(obj, (value) => previousResolve.call(Tokenization, value, options));
    } catch {
      // Resolved whole again so that cdktf's error names the value's path in the stack.
      return previousResolve.call(Tokenization, obj, options);
    }
  };
  try {
    return withoutTokenStackTraces(run);
  } finally {
    Tokenization.resolve = previousResolve;
  }
}

function skipPreparingPass(stack: TerraformStack): void {
  stack.prepareStack = () => void stack.ensureBackendExists();
}

/** Builds the stacks (`build`) and synthesizes the app, leanly (see above). */
export function synthesizeLean(app: App, build: () => void): void {
  withLeanCdktf(app, () => {
    build();
    for (const stack of app.node.children) if (TerraformStack.isStack(stack)) skipPreparingPass(stack);
    app.synth();
  });
}

/**
 * As synthesizeLean, one stack at a time: `buildNext` adds the next stack to the app (false when
 * there is none left), which is then synthesized before the next is built, as `app.synth()`
 * synthesizes each of its stacks (prepare, then the stack's synthesizer). The app's manifest
 * lists the stacks; writing it is left to the caller.
 */
export function synthesizeLeanOneByOne(app: App, buildNext: () => boolean): void {
  withLeanCdktf(app, () => {
    const session = { outdir: app.outdir, skipValidation: app.skipValidation, manifest: app.manifest };
    const done = new Set<TerraformStack>();
    while (buildNext()) {
      for (const child of app.node.children) {
        if (!TerraformStack.isStack(child) || done.has(child)) continue;
        done.add(child);
        skipPreparingPass(child);
        child.prepareStack();
        child.synthesizer.synthesize(session);
      }
    }
    // What app.synth() checks last: the app's own validations (its stacks' ran as they were synthesized).
    const problems = app.skipValidation ? [] : app.node.validate();
    if (problems.length > 0) throw new Error(`Validation failed with the following errors:\n  ${problems.join("\n  ")}`);
  });
}
