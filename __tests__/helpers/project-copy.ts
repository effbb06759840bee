import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "..", "..");
const COPIED = ["main.ts", "cdktf.json", "tsconfig.json", "package.json", "package-lock.json", "app", "config", "core", "facts", "stacks", "modules", "scripts", "cli", "lib", "index.ts"];

/**
 * A copy of the project's sources in `dest` whose node_modules links each installed package (so
 * one package can be replaced by a real copy) and has its own bundle cache, so a test can edit
 * sources, dependencies and the cache without touching the checkout or other tests.
 */
export function copyProject(dest: string): string {
  for (const name of COPIED) cpSync(join(ROOT, name), join(dest, name), { recursive: true });
  mkdirSync(join(dest, "node_modules"));
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (name === ".cache" || name === ".bin") continue;
    if (name === ".package-lock.json") cpSync(join(ROOT, "node_modules", name), join(dest, "node_modules", name));
    else symlinkSync(join(ROOT, "node_modules", name), join(dest, "node_modules", name));
  }
  return dest;
}

/** Makes `main()` in the copy's main.ts throw the message that `extra/message.json` holds. */
export function injectFailure(dest: string, message: string): void {
  mkdirSync(join(dest, "extra"), { recursive: true });
  writeFileSync(join(dest, "extra", "message.json"), JSON.stringify({ text: message }));
  writeFileSync(join(dest, "extra", "boom.ts"), 'import message from "./message.json";\n\nexport function boom(): never {\n  throw new Error(message.text);\n}\n');
  const main = readFileSync(join(dest, "main.ts"), "utf8");
  const at = main.indexOf("{", main.indexOf("function main("));
  if (at < 0) throw new Error("main.ts has no function main(");
  writeFileSync(join(dest, "main.ts"), `import { boom } from "./extra/boom";\n${main.slice(0, at + 1)}\n  boom();${main.slice(at + 1)}`);
}

export function runNode(dest: string, args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  const base: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  for (const name of Object.keys(base)) if (/^(PULLGUARD_|CDKTF_|NODE_OPTIONS$)/.test(name)) delete base[name];
  const result = spawnSync(process.execPath, args, { cwd: dest, env: { ...base, ...env }, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return result;
}

export function cacheFiles(dest: string): string[] {
  try {
    return readdirSync(join(dest, "node_modules", ".cache", "pullguard")).sort();
  } catch {
    return [];
  }
}

export const bundles = (dest: string) => cacheFiles(dest).filter((name) => /^app-.*\.js$/.test(name));
