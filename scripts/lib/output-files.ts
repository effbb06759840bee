import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir` as a path relative to it, sorted: the order output trees are compared in. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** Every file under `dir` with its text, keyed by its path relative to `dir`. */
export function readOutputTree(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((file) => [file, readFileSync(join(dir, file), "utf8")]));
}
