/**
 * pullguard's public API (the package's main entry, docs/package.md): the config type, a helper
 * that types a config written in TypeScript, and the construct that adds every stack to a cdktf
 * App the user owns. Everything else is internal and may change in any release.
 */
import type { PlatformConfigInput } from "./config/schema";

export type { PlatformConfigInput as PullguardConfig, PlatformConfig as ResolvedPullguardConfig } from "./config/schema";
export type { PlatformPlan } from "./core/model";
export { PullguardConfigError, PullguardPlatform, type PullguardPlatformProps } from "./lib/pullguard-platform";

/**
 * Returns its argument: it exists so a config written in TypeScript is checked (and completed by
 * the editor) against the config type without a type annotation, as vite's defineConfig does.
 *
 *   export default defineConfig({ project: "acme", accounts: { ... }, environments: { ... } });
 */
export function defineConfig(config: PlatformConfigInput): PlatformConfigInput {
  return config;
}

/** The version of pullguard in use (the one stamped into every output). */
export { pullguardVersion } from "./app/package-version";
