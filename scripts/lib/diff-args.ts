/**
 * The arguments of `npm run diff` / `pullguard diff` and the one error type that ends a run with
 * exit 2 (scripts/diff.ts).
 */

/** A failure that ends the run with exit 2: `message` is the one line; `detail` (app stderr) follows it. */
export class DiffError extends Error {
  constructor(
    message: string,
    readonly detail = "",
  ) {
    super(message);
  }
}

export const USAGE = "usage: npm run diff -- [<base-ref>] [--json] [--base-dir <dir>] [--head-dir <dir>] [--budget-markdown <file>] (pullguard diff takes the same arguments)";

export interface Options {
  ref?: string;
  json: boolean;
  baseDir?: string;
  headDir?: string;
  /** Where to write the pull budget's change as Markdown (the pull-request comment's section). */
  budgetMarkdown?: string;
}

export function parseArgs(argv: readonly string[]): Options | "help" {
  const options: Options = { json: false };
  const positional: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (flag === "-h" || flag === "--help") return "help";
    if (flag === "--json" && inline === undefined) options.json = true;
    else if (flag === "--base-dir" || flag === "--head-dir" || flag === "--budget-markdown") {
      const value = inline ?? argv[++k];
      if (value === undefined || value === "") throw new DiffError(`${flag} needs a ${flag === "--budget-markdown" ? "file" : "directory"}; ${USAGE}`);
      if (flag === "--base-dir") options.baseDir = value;
      else if (flag === "--head-dir") options.headDir = value;
      else options.budgetMarkdown = value;
    } else if (arg === "--") continue;
    else if (arg.startsWith("-")) throw new DiffError(`unknown option ${arg}; ${USAGE}`);
    else positional.push(arg);
  }
  if (positional.length > 1) throw new DiffError(`one base ref at most, got ${positional.join(" ")}; ${USAGE}`);
  if (positional.length === 1 && options.baseDir !== undefined) throw new DiffError(`give a base ref or --base-dir, not both; ${USAGE}`);
  options.ref = positional[0];
  return options;
}
