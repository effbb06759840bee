/**
 * `app.synth()` without the cdktf bookkeeping that pullguard's stacks never need, which was over
 * 60% of synth time at 10,000 services (docs/benchmarks.md). Output is byte-identical to a plain
 * `app.synth()` (__tests__/lean-synth.test.ts compares them on every example). Three things, each
 * active only while the stacks are built and synthesized, with the globals restored afterwards:
 *
 * 1. No token creation stack traces. cdktf captures a full stack trace for every token it makes
 *    (hundreds of thousands for a large platform) only to show it if the token fails to resolve;
 *    it raises Error.stackTraceLimit itself before capturing, so the capture function is stubbed.
 * 2. No preparing resolve pass. `prepareStack` resolves every stack once only to discover
 *    cross-stack references; pullguard plans every stack whole and never references another
 *    stack's resources (a reference would fail `terraform validate` in
 *    __tests__/terraform-plan.test.ts), so each stack only ensures its backend.
 * 3. Each value resolved once. A stack's toTerraform resolves every element, merges the results
 *    and resolves the merged document again. Resolving data that holds no token, no undefined and
 *    only plain objects and arrays returns an equal copy, so that second pass returns the document
 *    as is when a check (much cheaper than resolving) finds nothing to resolve in it; otherwise
 *    (a token in an override, say) cdktf resolves it as always. JSON output only.
 */
import { type App, TerraformStack, Token, Tokenization } from "cdktf";

const TOKEN_MARKER = "TfToken[";
/** cdktf's pattern for numbers encoded in strings (tokens/private/encoding.js NUMBER_TOKEN_REGEX). */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/g;

function isPlainString(value: string): boolean {
  if (value.includes(TOKEN_MARKER) || value === Token.STRING_MAP_TOKEN_VALUE || value === Token.ANY_MAP_TOKEN_VALUE) return false;
  if (!value.includes("e")) return true;
  NUMBER_IN_STRING.lastIndex = 0;
  for (let match = NUMBER_IN_STRING.exec(value); match; match = NUMBER_IN_STRING.exec(value)) {
    if (Token.isUnresolved(parseFloat(match[0]))) return false;
  }
  return true;
}

/**
 * True when resolving `value` would return a copy that cdktf writes as the same JSON: no token, no
 * encoded number, only plain objects and arrays, no undefined in an array (an undefined object
 * value is dropped by both).
 */
export function isResolvedData(value: unknown): boolean {
  switch (typeof value) {
    case "string":
      return isPlainString(value);
    case "number":
      return value !== Token.NUMBER_MAP_TOKEN_VALUE && !Token.isUnresolved(value);
    case "boolean":
      return true;
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (item === undefined || !isResolvedData(item)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        // An undefined value is dropped by resolving and by cdktf's JSON writer alike.
        if (key.includes(TOKEN_MARKER) || (record[key] !== undefined && !isResolvedData(record[key]))) return false;
      }
      return true;
    }
    default:
      return false; // undefined, functions, symbols, bigints: let cdktf decide
  }
}

/** The document a stack's toTerraform resolves last: its "//" block holds metadata and outputs. */
function isStackDocument(value: unknown, scope: unknown): boolean {
  if (!TerraformStack.isStack(scope) || value === null || typeof value !== "object") return false;
  const marker = (value as Record<string, unknown>)["//"];
  return marker !== null && typeof marker === "object" && "metadata" in marker && "outputs" in marker;
}

/** Builds the stacks (`build`) and synthesizes the app, leanly (see above). */
export function synthesizeLean(app: App, build: () => void): void {
  const previousPrepare = Error.prepareStackTrace;
  const previousCapture = Error.captureStackTrace;
  const previousResolve = Tokenization.resolve;
  // HCL output renders documents its own way: only JSON output skips the second pass.
  const jsonOutput = !app.hclOutput;
  Error.prepareStackTrace = () => "";
  Error.captureStackTrace = () => undefined;
  Tokenization.resolve = (obj, options) => {
    if (jsonOutput && !options.preparing && isStackDocument(obj, options.scope) && isResolvedData(obj)) return obj;
    return previousResolve.call(Tokenization, obj, options);
  };
  try {
    build();
    for (const stack of app.node.children) if (TerraformStack.isStack(stack)) stack.prepareStack = () => void stack.ensureBackendExists();
    app.synth();
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.captureStackTrace = previousCapture;
    Tokenization.resolve = previousResolve;
  }
}
