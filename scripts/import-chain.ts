/**
 * `npx tsx scripts/import-chain.ts [folder] [file]` (default core/): prints the longest import chain
 * between the folder's files, or the longest from one file of it, type-only imports included, with
 * the layer rules' dependency-cruiser config. docs/architecture.md states the figures for core/.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { longestImportChain, type CruisedModule } from "./lib/import-chain";

const root = join(__dirname, "..");
const folder = `${(process.argv[2] ?? "core").replace(/\/+$/, "")}/`;
const start = process.argv[3];
const depcruise = join(root, "node_modules", ".bin", "depcruise");
const run = spawnSync(depcruise, ["--config", ".dependency-cruiser.cjs", "--output-type", "json", folder], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
if (run.status !== 0) {
  console.error(`import-chain: depcruise failed on ${folder}: ${(run.stderr ?? "").trim().split("\n")[0]}`);
  process.exit(2);
}
const chain = longestImportChain((JSON.parse(run.stdout) as { modules: CruisedModule[] }).modules, folder, start);
if (chain.length === 0) {
  console.error(`import-chain: ${start} is not a module under ${folder}`);
  process.exit(2);
}
console.log(`Longest import chain in ${folder}${start ? ` from ${start}` : ""}: ${chain.length - 1} imports, ${chain.length} files\n${chain.join("\n  -> ")}`);
