"use strict";
/**
 * Builds, caches and runs main.ts as one JavaScript bundle (esbuild, transpile-only: `tsc --noEmit`
 * in `npm test` type-checks). Loading one file instead of hundreds of modules is most of a synth's
 * start-up (docs/benchmarks.md). Shared by scripts/app.js (the cdktf app command) and
 * scripts/synth.js (`npm run synth`).
 *
 * The cache (node_modules/.cache/pullguard) is valid only for exactly what esbuild read: its
 * metafile lists every input (any file type, any directory), and the key hashes each source
 * input's content, the listing of every directory holding one (a new file can change how an
 * import resolves), the package.json of every package the bundle took code from, the lock files
 * (package-lock.json and npm's node_modules/.package-lock.json), tsconfig.json, and the Node.js
 * and esbuild versions. A cache that cannot be read, is stale, or does not match its recorded
 * hash (a truncated write, a disk error) is rebuilt: output never depends on the cache.
 * PULLGUARD_NO_CACHE=1 skips it.
 *
 * Beside the bundle sits V8's code cache for it (written after a run, so it holds the functions
 * synth really compiled). V8 rejects a code cache made under other V8 flags, and the cdktf CLI runs
 * the app with NODE_OPTIONS=--max-old-space-size=4096 while `npm run synth` may not, so there is
 * one code cache per flag set. PULLGUARD_DEBUG loads the bundle with its source map instead, so
 * an internal error's stack names the TypeScript files and lines.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const Module = require("node:module");
const vm = require("node:vm");

const FORMAT = 2; // bump when the build options or the cache layout change
const root = path.resolve(__dirname, "..", "..");
const entry = path.join(root, "main.ts");
const cacheDir = path.join(root, "node_modules", ".cache", "pullguard");
const indexFile = path.join(cacheDir, "app.json");
/** Files outside the bundle's inputs that still change what esbuild produces or what it bundles. */
const BUILD_FILES = ["tsconfig.json", "package.json", "package-lock.json", path.join("node_modules", ".package-lock.json")];
/** NODE_OPTIONS as this process started with it (scripts/synth.js later sets the CLI's value for the app). */
const STARTUP_NODE_OPTIONS = process.env.NODE_OPTIONS ?? "";

function sha256(data) {
  return crypto.createHash("sha256").update(data).digest("hex");
}

function readOrEmpty(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return "";
  }
}

function esbuildVersion() {
  return require("esbuild/package.json").version;
}

/**
 * What a bundle was built from, split the way the key reads it: source files (relative to the
 * project root), the directories they sit in, and package roots under node_modules.
 */
function describeInputs(metafileInputs) {
  const sources = new Set();
  const packages = new Set();
  for (const input of Object.keys(metafileInputs)) {
    const at = input.lastIndexOf("node_modules/");
    if (at < 0) {
      sources.add(input);
      continue;
    }
    const rest = input.slice(at + "node_modules/".length).split("/");
    const name = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    packages.add(`${input.slice(0, at)}node_modules/${name}`);
  }
  const directories = new Set([...sources].map((source) => path.dirname(source)));
  return { sources: [...sources].sort(), directories: [...directories].sort(), packages: [...packages].sort() };
}

/** The cache key for a bundle built from `inputs` (describeInputs), read from disk now. */
function cacheKey(inputs) {
  const hash = crypto.createHash("sha256");
  const add = (label, data) => {
    hash.update(label);
    hash.update("\0");
    hash.update(data);
    hash.update("\0");
  };
  add("toolchain", `${FORMAT} ${process.version} esbuild ${esbuildVersion()}`);
  for (const file of BUILD_FILES) add(file, readOrEmpty(path.join(root, file)));
  for (const source of inputs.sources) add(source, fs.readFileSync(path.join(root, source)));
  for (const directory of inputs.directories) add(`${directory}/`, fs.readdirSync(path.join(root, directory)).sort().join("\n"));
  for (const pkg of inputs.packages) add(pkg, fs.readFileSync(path.join(root, pkg, "package.json")));
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
    metafile: true,
    logLevel: "warning",
    absWorkingDir: root,
    // Paths in the bundle and its map stay relative to the project: nothing machine-specific.
    outfile: path.join(cacheDir, "app.js"),
    sourcemap: "external",
    sourcesContent: false,
  });
  const code = result.outputFiles.find((file) => file.path.endsWith(".js")).text;
  const map = result.outputFiles.find((file) => file.path.endsWith(".js.map")).text;
  return { code, map, inputs: describeInputs(result.metafile.inputs) };
}

function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

/** The cached bundle when it is current and intact; undefined otherwise (never throws). */
function cachedBundle() {
  try {
    const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
    if (index.format !== FORMAT || cacheKey(index.inputs) !== index.key) return undefined;
    const file = path.join(cacheDir, `app-${index.key}.js`);
    const code = fs.readFileSync(file, "utf8");
    if (sha256(code) !== index.sha256) return undefined;
    return { code, file, key: index.key };
  } catch {
    return undefined;
  }
}

/** Builds the bundle and stores it in the cache (when the cache can be written). */
function buildAndStore() {
  const built = build();
  const key = cacheKey(built.inputs);
  const file = path.join(cacheDir, `app-${key}.js`);
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    for (const old of fs.readdirSync(cacheDir)) if (old.startsWith("app-") && !old.startsWith(`app-${key}`)) fs.rmSync(path.join(cacheDir, old), { force: true });
    writeAtomically(`${file}.map`, built.map);
    writeAtomically(file, `${built.code}//# sourceMappingURL=app-${key}.js.map\n`);
    writeAtomically(indexFile, JSON.stringify({ format: FORMAT, key, sha256: sha256(`${built.code}//# sourceMappingURL=app-${key}.js.map\n`), inputs: built.inputs }));
  } catch {
    // A read-only node_modules only costs the rebuild next time.
  }
  return { code: `${built.code}//# sourceMappingURL=app-${key}.js.map\n`, file, key };
}

/** The V8 flags a code cache depends on: those on the command line and in NODE_OPTIONS at start-up. */
function flagsKey() {
  return sha256(`${process.execArgv.join(" ")}\0${STARTUP_NODE_OPTIONS}`).slice(0, 8);
}

/** The current bundle: from the cache, or freshly built. */
function bundle() {
  if (process.env.PULLGUARD_NO_CACHE === "1") {
    const built = build();
    return { code: built.code, file: undefined, key: undefined };
  }
  return cachedBundle() ?? buildAndStore();
}

/**
 * Runs bundle code in this thread as if main.ts were the main module, compiled with the code cache
 * in `codeCache` (when given); `storeCodeCache` writes that cache on exit when it was missing or
 * rejected (only the main thread does: a worker thread's exit handlers do not run when it is
 * terminated).
 */
function runBundleCode(code, codeCache, storeCodeCache) {
  let cachedData;
  try {
    cachedData = codeCache ? fs.readFileSync(codeCache) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(code), { filename: entry, cachedData });
  if (storeCodeCache && codeCache && (cachedData === undefined || script.cachedDataRejected)) {
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
}

/** Runs the app bundle in this process, as if main.ts were the main module. */
function runApp() {
  const current = bundle();
  const codeCache = current.key ? path.join(cacheDir, `app-${current.key}-${flagsKey()}.v8`) : undefined;
  // A large platform synthesizes half its stacks in a worker thread that runs this same file with
  // this thread's code cache (V8 flags are per process, so the cache fits the thread too). It is
  // started before this thread even loads the bundle when the config is large enough to need it.
  // A bundle the cache could not store (a read-only node_modules) stays on one thread.
  if (current.file && fs.existsSync(current.file)) require("./shard-worker").prepareShardWorker({ file: current.file, codeCache });
  if (process.env.PULLGUARD_DEBUG && current.file && fs.existsSync(current.file)) {
    process.setSourceMapsEnabled(true);
    require(current.file);
    return;
  }
  runBundleCode(current.code, codeCache, true);
}

/**
 * A worker thread's side of runApp: the bundle file the main thread verified and its code cache
 * (scripts/lib/shard-worker.js passes them), without hashing every input again.
 */
function runBundleInWorker(bundleFile) {
  if (process.env.PULLGUARD_DEBUG) {
    process.setSourceMapsEnabled(true);
    require(bundleFile.file);
    return;
  }
  runBundleCode(fs.readFileSync(bundleFile.file, "utf8"), bundleFile.codeCache, false);
}

module.exports = { bundle, runApp, runBundleInWorker, cacheDir, root };
