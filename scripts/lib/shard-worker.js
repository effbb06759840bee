"use strict";
/**
 * Starts the worker thread that synthesizes part of a large platform's stacks
 * (app/parallel-synth.ts splits the work and runs the protocol). This is plain JavaScript
 * loaded before the app bundle so that, when the config is large enough to need a second thread,
 * the worker starts at once: its thread start and bundle load overlap the main thread's own, and
 * it plans while the main thread plans, instead of starting only after the main thread planned.
 * A worker that turns out not to be needed (a small platform after all, a refused config) is
 * terminated unused.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { Worker } = require("node:worker_threads");

/**
 * Config files from this size may hold enough services for two threads (1,500 services are about
 * 160 KB of generated JSON, and no less than 60 KB of terse YAML); smaller ones always use one
 * thread. A worker started for a config that turns out smaller costs the second core a bundle load
 * and a plan, nothing on the first.
 */
const EARLY_START_CONFIG_BYTES = 48 * 1024;
/** The worker's young generation (three semi-spaces): 32 MB semi-spaces, as scripts/synth.js gives the main thread. */
const YOUNG_GENERATION_MB = 96;
const HANDLE = Symbol.for("pullguard.shardWorker");

/**
 * The size in bytes of the file PULLGUARD_CONFIG names, resolved as the app resolves it
 * (config/config-file.ts: relative to INIT_CWD, where the user ran npm, else the working
 * directory); 0 when none is named, undefined when it cannot be read (the app reports that).
 */
function configFileSize(env = process.env) {
  if (!env.PULLGUARD_CONFIG) return 0;
  const base = env.INIT_CWD && path.isAbsolute(env.INIT_CWD) ? env.INIT_CWD : process.cwd();
  try {
    return fs.statSync(path.resolve(base, env.PULLGUARD_CONFIG)).size;
  } catch {
    return undefined;
  }
}

/** True when two threads are allowed and the config looks large enough to need them. */
function startsEarly(env = process.env, argv = process.argv) {
  if (env.PULLGUARD_THREADS === "1" || env.SYNTH_HCL_OUTPUT === "true" || argv.includes("--hcl")) return false;
  if (os.availableParallelism() < 2) return false;
  if (env.PULLGUARD_THREADS === "2") return true;
  return (configFileSize(env) ?? 0) >= EARLY_START_CONFIG_BYTES;
}

/**
 * A worker thread running the bundle (`bundleFile`: its file and code cache). `outcome` settles
 * with the first message, error or exit, whichever comes first; the thread is unreferenced until
 * taken, so a worker nobody takes never keeps the process alive.
 */
function startWorker(bundleFile) {
  const loader = `require(${JSON.stringify(path.join(__dirname, "app-bundle.js"))}).runBundleInWorker(require("node:worker_threads").workerData.bundleFile);`;
  const worker = new Worker(loader, {
    eval: true,
    workerData: { pullguardShard: 1, bundleFile },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
  worker.unref();
  const outcome = new Promise((resolve) => {
    worker.once("message", (result) => resolve(result));
    worker.once("error", (error) => resolve({ ok: false, message: error.message }));
    worker.once("exit", (code) => resolve({ ok: false, message: `the synth worker thread exited with code ${code}` }));
  });
  return { worker, outcome };
}

/**
 * Makes the shard worker available to the bundle (globalThis[Symbol.for("pullguard.shardWorker")]):
 * `take()` hands over the worker started early (undefined when none was) and keeps the process
 * alive for it; `discard()` terminates it if nobody took it.
 */
function prepareShardWorker(bundleFile) {
  let early = startsEarly() ? startWorker(bundleFile) : undefined;
  globalThis[HANDLE] = {
    take() {
      const shard = early;
      early = undefined;
      shard?.worker.ref();
      return shard;
    },
    discard() {
      if (early) void early.worker.terminate();
      early = undefined;
    },
    post(message) {
      early?.worker.postMessage(message);
    },
  };
}

module.exports = { configFileSize, prepareShardWorker, startsEarly, EARLY_START_CONFIG_BYTES };
