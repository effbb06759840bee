import { diffMain } from "../scripts/diff";
import { discoverConfig } from "./config-discovery";
import { CLI_EXIT, type CliIo } from "./io";

export const DIFF_HELP = `usage: pullguard diff [<base-ref>] [--json] [--base-dir <dir>] [--head-dir <dir>]

What a change does to the synthesized Terraform: stacks, resources, data sources, variables,
outputs and providers added, removed or changed, attribute by attribute. Offline, no AWS
credentials. The head side is this directory as it is (uncommitted changes included); the base
is <base-ref> (default origin/main, else main, else HEAD) checked out in a temporary git worktree,
both synthesized with the pullguard installed here (so only config changes show; compare two
synthesized directories with --base-dir/--head-dir to see what a pullguard upgrade changes).

examples:
  pullguard diff
  pullguard diff origin/main --json
  pullguard diff --base-dir before/cdktf.out --head-dir cdktf.out
`;

/** `pullguard diff`: scripts/diff.ts, run over the platform repository in `io.cwd` with `pullguard synth`. */
export function diffCommand(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(DIFF_HELP);
    return CLI_EXIT.ok;
  }
  const comparesDirectories = argv.some((a) => a.startsWith("--base-dir")) && argv.some((a) => a.startsWith("--head-dir"));
  if (!comparesDirectories) {
    // Checked here so a missing config is one line, not a failed synth's stderr.
    const config = discoverConfig(env, io.cwd);
    if (!config.ok) {
      io.stderr(`pullguard diff: ${config.problem}\n`);
      return CLI_EXIT.refused;
    }
  }
  // This very CLI (compiled JS, or cli/bin.ts under tsx) synthesizes each side into CDKTF_OUTDIR.
  const self = [...process.execArgv, process.argv[1]!];
  return diffMain(argv, { root: io.cwd, synthArgs: () => [...self, "synth"] });
}
