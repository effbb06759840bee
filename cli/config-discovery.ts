import { existsSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_ENV_VAR, configBaseDirectory } from "../config/config-file";

/** The config file names the CLI looks for in the working directory, in this order. */
export const CONFIG_FILE_NAMES = ["pullguard.config.yaml", "pullguard.config.yml", "pullguard.config.json"] as const;
/** A TypeScript config is for the construct path (main.ts imports it); the CLI runs no TypeScript. */
export const TS_CONFIG_FILE_NAME = "pullguard.config.ts";

export type DiscoveredConfig =
  /** `file` as the app should be given it (PULLGUARD_CONFIG); `via` says how it was chosen. */
  | { readonly ok: true; readonly file: string; readonly base: string; readonly via: "env" | "discovered" }
  | { readonly ok: false; readonly problem: string };

/**
 * Which config the CLI uses: PULLGUARD_CONFIG when set (relative to where the command was typed,
 * as config/config-file.ts resolves it), else the one pullguard.config.{yaml,yml,json} in `cwd`.
 * Two candidates are refused rather than one picked silently; a lone pullguard.config.ts is
 * named with what to do instead.
 */
export function discoverConfig(env: NodeJS.ProcessEnv, cwd: string): DiscoveredConfig {
  const named = env[CONFIG_ENV_VAR];
  if (named !== undefined) return { ok: true, file: named, base: configBaseDirectory(env), via: "env" };
  const found = CONFIG_FILE_NAMES.filter((name) => existsSync(join(cwd, name)));
  if (found.length === 1) return { ok: true, file: found[0]!, base: cwd, via: "discovered" };
  if (found.length > 1) return { ok: false, problem: `${found.join(" and ")} are both in ${cwd}: keep one, or name it with ${CONFIG_ENV_VAR}` };
  if (existsSync(join(cwd, TS_CONFIG_FILE_NAME))) {
    return {
      ok: false,
      problem: `${TS_CONFIG_FILE_NAME} is for the construct path (your main.ts imports it and passes it to PullguardPlatform; run it with cdktf synth); the pullguard CLI reads ${CONFIG_FILE_NAMES.join(", ")} (docs/package.md)`,
    };
  }
  return { ok: false, problem: `no ${CONFIG_FILE_NAMES.join(", ")} in ${cwd}: run \`pullguard init\` to start one, or set ${CONFIG_ENV_VAR}` };
}

/**
 * Points the app at the discovered config: PULLGUARD_CONFIG as a name relative to `base`, with
 * INIT_CWD set to `base` so it resolves there (npm sets INIT_CWD to where the user typed the
 * command, which under `npm run` may be a subdirectory).
 */
export function useConfig(env: NodeJS.ProcessEnv, config: Extract<DiscoveredConfig, { ok: true }>): void {
  if (config.via === "env") return;
  env[CONFIG_ENV_VAR] = config.file;
  env.INIT_CWD = config.base;
}
