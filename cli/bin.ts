#!/usr/bin/env node
/** The `pullguard` command (package.json "bin"; compiled to dist/cli/bin.js). */
import { cliMain } from "./main";
import { processIo } from "./io";

cliMain(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pullguard: internal error: ${String((error as Error)?.message).replace(/\r?\n/g, "\\n")}\n`);
    if (process.env.PULLGUARD_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    process.exitCode = 2;
  },
);
