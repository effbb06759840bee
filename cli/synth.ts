import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DIRECT_SYNTH } from "../app/synth-messages";
import { discoverConfig, useConfig } from "./config-discovery";
import { CLI_EXIT, splitFlag, type CliIo } from "./io";
import { printSynthResult } from "./synth-result";

export const SYNTH_HELP = `usage: pullguard synth [--hcl] [--output <dir>] [--check] [--no-color]

Synthesizes every registry and environment stack of the config into <dir> (default: cdktf.json's
"output", else cdktf.out; CDKTF_OUTDIR when set) with the pull-budget report beside them.
The config is PULLGUARD_CONFIG when set, else pullguard.config.yaml, .yml or .json here.

  --hcl            write cdk.tf (HCL) instead of cdk.tf.json
  --output, -o     the output directory
  --check          validate the config and synthesize into a temporary directory, then discard
                   it: exit 0 when synth would succeed (what a platform repository's npm test runs)
  --no-color       no colors in annotations (also NO_COLOR)

examples:
  pullguard synth
  pullguard synth --hcl --output out/
  PULLGUARD_CONFIG=staging.yaml pullguard synth --check

exit codes: 0 written, 1 config or plan refused, 2 usage or internal error, 3 the machine
(disk full, read-only, permission).
`;

interface SynthOptions {
  hcl: boolean;
  output?: string;
  check: boolean;
}

function parseSynthArgs(argv: readonly string[]): SynthOptions | "help" | { usage: string } {
  const options: SynthOptions = { hcl: false, check: false };
  for (let k = 0; k < argv.length; k++) {
    const { flag, inline } = splitFlag(argv[k]!);
    if (flag === "-h" || flag === "--help") return "help";
    if (flag === "--hcl" && inline === undefined) options.hcl = true;
    else if (flag === "--check" && inline === undefined) options.check = true;
    else if (flag === "--no-color" && inline === undefined) continue; // read where colors are chosen
    else if (flag === "--output" || flag === "-o") {
      const value = inline ?? argv[++k];
      if (value === undefined || value === "") return { usage: `${flag} needs a directory` };
      options.output = value;
    } else return { usage: `unknown argument ${JSON.stringify(argv[k])}` };
  }
  return options;
}

function cdktfJsonOutput(cwd: string): string | undefined {
  try {
    const output = (JSON.parse(readFileSync(join(cwd, "cdktf.json"), "utf8")) as { output?: unknown }).output;
    return typeof output === "string" && output !== "" ? output : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The environment the cdktf CLI gives its app (@cdktf/cli-core SynthStack.synth), as
 * scripts/synth.js sets it for `npm run synth`: the app behaves as under `cdktf synth`.
 */
function applyCliEnvironment(env: NodeJS.ProcessEnv, outdir: string, hcl: boolean): void {
  for (const name of Object.keys(env)) if (name.startsWith("TF_VAR_")) delete env[name];
  const context = env.CDKTF_CONTEXT_JSON ? (JSON.parse(env.CDKTF_CONTEXT_JSON) as Record<string, unknown>) : {};
  env.CDKTF_OUTDIR = outdir;
  env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  env.CDKTF_CONTEXT_JSON = JSON.stringify({ ...context, cdktfRelativeModules: [] });
  env.SYNTH_HCL_OUTPUT = String(hcl);
}

/**
 * `pullguard synth`: runs the compiled app (main.ts) in this process, as `npm run synth` runs its
 * bundle, and prints what the cdktf CLI prints. The app sets process.exitCode; this returns it.
 * It can run once per process (the app starts when it is loaded).
 */
export async function synthCommand(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = parseSynthArgs(argv);
  if (options === "help") {
    io.stdout(SYNTH_HELP);
    return CLI_EXIT.ok;
  }
  if ("usage" in options) {
    io.stderr(`pullguard synth: ${options.usage}; see pullguard synth --help\n`);
    return CLI_EXIT.usage;
  }
  const config = discoverConfig(env, io.cwd);
  if (!config.ok) {
    io.stderr(`pullguard synth: ${config.problem}\n`);
    return CLI_EXIT.refused;
  }
  useConfig(env, config);
  const scratch = options.check ? mkdtempSync(join(tmpdir(), "pullguard-check-")) : undefined;
  const outdir = scratch !== undefined ? join(scratch, "out") : (options.output ?? env.CDKTF_OUTDIR ?? cdktfJsonOutput(io.cwd) ?? "cdktf.out");
  applyCliEnvironment(env, outdir, options.hcl);
  try {
    (globalThis as Record<symbol, unknown>)[DIRECT_SYNTH] = true;
    // Loading main starts the app; it resolves this promise when the output tree is in place.
    await import("../main");
    await (globalThis as Record<symbol, unknown>)[Symbol.for("pullguard.appDone")];
    const code = Number(process.exitCode ?? 0);
    if (code !== 0) return code;
    return printSynthResult(resolve(io.cwd, outdir), outdir, io, scratch !== undefined);
  } finally {
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  }
}
