/** What every subcommand writes to and where it runs; tests pass their own. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly cwd: string;
}

/** The process's own streams and working directory. */
export function processIo(): CliIo {
  return { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd() };
}

/** Exit codes shared by every subcommand (synth keeps the app's: docs/output-format.md#exit-codes). */
export const CLI_EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** `--flag value` and `--flag=value`, split; a value that is missing or empty is reported by the caller. */
export function splitFlag(arg: string): { flag: string; inline: string | undefined } {
  const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
  return eq > 0 ? { flag: arg.slice(0, eq), inline: arg.slice(eq + 1) } : { flag: arg, inline: undefined };
}
