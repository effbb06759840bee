import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pullguardRoot } from "../app/package-version";
import { CLI_EXIT, type CliIo } from "./io";

export const SCHEMA_HELP = `usage: pullguard schema [--path]

Prints the JSON Schema of the config (for editors: YAML files name it in a
"# yaml-language-server: $schema=..." comment; JSON files in "$schema"). --path prints where
the installed copy is instead.

examples:
  pullguard schema > pullguard.schema.json
  pullguard schema --path
`;

/** `pullguard schema`: the generated config/pullguard.schema.json that ships in the package. */
export function schemaCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(SCHEMA_HELP);
    return CLI_EXIT.ok;
  }
  const unknown = argv.find((a) => a !== "--path");
  if (unknown !== undefined) {
    io.stderr(`pullguard schema: unknown argument ${JSON.stringify(unknown)}; see pullguard schema --help\n`);
    return CLI_EXIT.usage;
  }
  const file = join(pullguardRoot(), "config", "pullguard.schema.json");
  io.stdout(argv.includes("--path") ? `${file}\n` : readFileSync(file, "utf8"));
  return CLI_EXIT.ok;
}
