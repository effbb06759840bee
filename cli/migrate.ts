import type { CliIo } from "./io";

/**
 * Placeholder: `pullguard migrate` (config schema upgrades) is written on another branch, which
 * replaces this file with the same signature.
 */
export function migrateCommand(_argv: readonly string[], io: CliIo): number {
  io.stderr("pullguard migrate: not available in this build\n");
  return 2;
}
