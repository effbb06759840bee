import { basename, isAbsolute, relative, sep } from "node:path";
import { CONFIG_ENV_VAR, configBaseDirectory } from "../config/config-file";
import type { OutputStamp } from "../core/report";
import { pullguardVersion } from "./package-version";

/** What the output calls the embedded example (config/platform.ts), as the config's problems do. */
export const EMBEDDED_CONFIG_LABEL = "config/platform.ts";

/**
 * The config as the output names it: a relative PULLGUARD_CONFIG as given; an absolute one
 * relative to where the command was typed when it lies below it, else by its file name alone: an
 * absolute path would differ from machine to machine (and from one side of `npm run diff` to the
 * other). Forward slashes on every system. Read from the environment only, so a synth worker
 * thread (app/parallel-synth.ts) computes the same stamp as the main thread.
 */
export function configLabelForOutput(env: NodeJS.ProcessEnv): string {
  const named = env[CONFIG_ENV_VAR];
  if (named === undefined) return EMBEDDED_CONFIG_LABEL;
  return outputPath(named, configBaseDirectory(env));
}

/** A config path fit for output: relative as given, an absolute one made relative to `base` or cut to its name. */
export function outputPath(file: string, base: string): string {
  if (!isAbsolute(file)) return file.split(sep).join("/");
  const inside = relative(base, file);
  return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside) ? inside.split(sep).join("/") : basename(file);
}

/** The stamp of this synth: pullguard's version and the config's output label. */
export function outputStamp(env: NodeJS.ProcessEnv): OutputStamp {
  return { version: pullguardVersion(), config: configLabelForOutput(env) };
}
