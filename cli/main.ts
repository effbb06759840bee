import { pullguardVersion } from "../app/package-version";
import { diagnoseCommand } from "./diagnose";
import { diffCommand } from "./diff";
import { initCommand } from "./init";
import { CLI_EXIT, type CliIo } from "./io";
import { migrateCommand } from "./migrate";
import { schemaCommand } from "./schema";
import { synthCommand } from "./synth";

export const HELP = `usage: pullguard <command> [options]

commands:
  init       write a platform repository into an empty directory
  synth      synthesize the stacks and the pull-budget report (--hcl, --output <dir>, --check)
  diff       what a change does to the synthesized Terraform, against a git ref
  diagnose   name the cause of a failed rollout from its evidence, linked to the config
  schema     print the config's JSON Schema
  migrate    upgrade a config to the current schema

options:
  --version  print pullguard's version
  --help     this text; \`pullguard <command> --help\` for a command's options and examples

The config is PULLGUARD_CONFIG when set, else pullguard.config.yaml, .yml or .json in the
working directory.

examples:
  mkdir platform && cd platform && npx pullguard init && npm install
  pullguard synth
  pullguard diff origin/main
`;

/** Runs one CLI command; resolves to the exit code. */
export async function cliMain(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case "help":
    case "-h":
    case "--help":
      io.stdout(HELP);
      return CLI_EXIT.ok;
    case "-v":
    case "--version":
    case "version":
      io.stdout(`${pullguardVersion()}\n`);
      return CLI_EXIT.ok;
    case "init":
      return initCommand(rest, io);
    case "synth":
      return synthCommand(rest, io);
    case "diff":
      return diffCommand(rest, io);
    case "diagnose":
      return diagnoseCommand(rest, io);
    case "schema":
      return schemaCommand(rest, io);
    case "migrate":
      return migrateCommand(rest, io);
    default:
      io.stderr(`pullguard: unknown command ${JSON.stringify(command)}; see pullguard --help\n`);
      return CLI_EXIT.usage;
  }
}
