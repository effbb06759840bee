import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * pullguard's own version, from its package.json: the nearest one above this file, which sits one
 * level below it in this repository (app/), two in the published package (dist/app/) and at the
 * root in the esbuild bundle (scripts/lib/app-bundle.js runs it as main.ts). The name is not
 * checked: the CDK Terrain build (compat/cdktn) is the same sources under another package name,
 * and must stamp the same version. Read from the file, never from the environment
 * (npm_package_version is the *user's* package under npm run), so every machine stamps the same.
 */
export function pullguardVersion(): string {
  cached ??= readOwnPackage().version;
  return cached;
}

let cached: string | undefined;

/** pullguard's package root: the directory of that package.json. */
export function pullguardRoot(): string {
  return readOwnPackage().root;
}

function readOwnPackage(): { version: string; root: string } {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: unknown };
      if (typeof pkg.version === "string") return { version: pkg.version, root: dir };
    } catch {
      // No package.json here (or not JSON): keep walking up.
    }
    if (dirname(dir) === dir) throw new Error(`no package.json with a version above ${__dirname}`);
  }
}
