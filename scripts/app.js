#!/usr/bin/env node
/**
 * The cdktf app command (cdktf.json "app"). It runs main.ts as one JavaScript bundle that esbuild
 * (already installed as tsx's dependency) builds from the TypeScript sources: transpile-only, and
 * loading one file instead of hundreds of modules is most of what keeps `cdktf synth` inside its
 * time budget (docs/benchmarks.md). Type checking is `tsc --noEmit` in `npm test`.
 *
 * The bundle is cached under node_modules/.cache/pullguard, keyed by a hash of every source file,
 * the lock file and the toolchain versions, so an edit always rebuilds and output never depends on
 * the cache. Beside the bundle sits V8's code cache for it (written after a run, so it holds the
 * functions synth really compiled), which saves compiling 4 MB of JavaScript on every synth.
 * PULLGUARD_NO_CACHE=1 skips both. `--build-only` fills the cache and exits: npm runs it
 * as the `prepare` script, so the first synth after `npm ci` is as fast as the next.
 */
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const vm = require("node:vm");

const root = path.resolve(__dirname, "..");
const entry = path.join(root, "main.ts");
const SOURCE_DIRS = ["config", "core", "stacks", "modules"];

function sourceFiles() {
  const files = [entry];
  for (const dir of SOURCE_DIRS) {
    const base = path.join(root, dir);
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base, { recursive: true })) {
      if (String(name).endsWith(".ts")) files.push(path.join(base, String(name)));
    }
  }
  return files.sort();
}

function cacheKey(files) {
  const hash = crypto.createHash("sha256");
  hash.update(`${process.version}\0${require("esbuild/package.json").version}\0`);
  for (const file of [...files, path.join(root, "package-lock.json")]) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : "");
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 20);
}

function build() {
  const { buildSync } = require("esbuild");
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    write: false,
    logLevel: "warning",
    absWorkingDir: root,
    // Keep paths in the bundle relative: nothing machine-specific may leak into output.
    sourcemap: false,
  });
  return result.outputFiles[0].text;
}

function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

/** The bundle's source, and where its V8 code cache lives (undefined when caching is off). */
function bundleSource() {
  if (process.env.PULLGUARD_NO_CACHE === "1") return { code: build(), codeCache: undefined };
  const cacheDir = path.join(root, "node_modules", ".cache", "pullguard");
  const base = path.join(cacheDir, `app-${cacheKey(sourceFiles())}`);
  try {
    return { code: fs.readFileSync(`${base}.js`, "utf8"), codeCache: `${base}.v8` };
  } catch {
    const code = build();
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      for (const old of fs.readdirSync(cacheDir)) if (old.startsWith("app-")) fs.rmSync(path.join(cacheDir, old), { force: true });
      writeAtomically(`${base}.js`, code);
    } catch {
      // A read-only node_modules only costs the rebuild next time.
    }
    return { code, codeCache: `${base}.v8` };
  }
}

if (process.argv.includes("--build-only")) {
  bundleSource();
  process.exit(0);
}

const { code, codeCache } = bundleSource();
let cachedData;
try {
  cachedData = codeCache ? fs.readFileSync(codeCache) : undefined;
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(code), { filename: entry, cachedData });
if (codeCache && (cachedData === undefined || script.cachedDataRejected)) {
  process.on("exit", () => {
    try {
      writeAtomically(codeCache, script.createCachedData());
    } catch {
      // Only a missed speed-up.
    }
  });
}
const app = new Module(entry, module);
app.filename = entry;
app.paths = Module._nodeModulePaths(root);
script.runInThisContext().call(app.exports, app.exports, Module.createRequire(entry), app, entry, root);
