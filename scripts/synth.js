#!/usr/bin/env node
/**
 * `npm run synth [-- --hcl] [-- --output <dir>] [-- --no-color]`: what `cdktf synth` does,
 * without the cdktf CLI.
 *
 * The CLI spends over a second before the app starts (loading its bundle, `terraform version`
 * three times) and then runs the app command as a child. This runs the same app bundle in this
 * process with the environment the CLI gives its app (CDKTF_OUTDIR, CDKTF_CONTEXT_JSON with
 * `cdktfRelativeModules`, CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, SYNTH_HCL_OUTPUT, NODE_OPTIONS
 * and no TF_VAR_*); the app itself does what the CLI does afterwards (formats HCL with the CLI's
 * own formatter, drops stack directories the manifest no longer lists) before it swaps its tree
 * in (app/synth-outdir.ts). This prints what the CLI prints: each
 * annotation once, the stacks written, and where the pull-budget report is. The output directory
 * is byte-identical to `cdktf synth`'s (__tests__/synth-direct.test.ts). `cdktf synth`, `deploy`
 * and `diff` still run the app through cdktf.json's "app" command (scripts/app.js).
 *
 * Large configs get a larger V8 young generation (fewer scavenges of cdktf's short-lived token
 * objects): the script restarts itself once with the flag, as V8 sizes the heap only at start-up.
 * The restarted process gets the signals this one gets, and stops by itself if this one is killed
 * outright (app/invoker-watch.ts).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawn } = require("node:child_process");
// Loaded first: it records the V8 flags this process started with before the CLI's NODE_OPTIONS is set.
const { runApp } = require("./lib/app-bundle");
const { configFileSize } = require("./lib/shard-worker");

const root = path.resolve(__dirname, "..");
const USAGE = "usage: npm run synth [-- --hcl] [-- --output <dir>] [-- --no-color]";
/** Configs at least this large (about 2,000 services) synthesize faster with a 32 MB semi-space. */
const LARGE_CONFIG_BYTES = 200 * 1024;
const LARGE_CONFIG_FLAGS = ["--max-semi-space-size=32"];

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const options = { hcl: false, output: undefined };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === "--hcl") options.hcl = true;
    else if (arg === "--no-color") continue; // read where colors are chosen
    else if (arg === "--output" || arg === "-o") {
      options.output = argv[++k];
      if (!options.output) fail(`${arg} needs a directory; ${USAGE}`, 2);
    } else if (arg.startsWith("--output=")) options.output = arg.slice("--output=".length);
    else if (arg === "-h" || arg === "--help") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`unknown argument ${JSON.stringify(arg)}; ${USAGE}`, 2);
  }
  return options;
}

function readCdktfJson() {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));
  } catch {
    return {};
  }
}

/** The CLI's environment for the app (@cdktf/cli-core SynthStack.synth), applied to this process. */
function applyCliEnvironment(outdir, hcl, cdktfJson) {
  for (const name of Object.keys(process.env)) if (name.startsWith("TF_VAR_")) delete process.env[name];
  if (!process.env.NODE_OPTIONS) process.env.NODE_OPTIONS = "--max-old-space-size=4096";
  const context = process.env.CDKTF_CONTEXT_JSON ? JSON.parse(process.env.CDKTF_CONTEXT_JSON) : {};
  const relativeModules = (cdktfJson.terraformModules ?? []).filter((mod) => {
    const source = typeof mod === "string" ? mod : mod.source;
    return source.startsWith("./") || source.startsWith("../");
  });
  process.env.CDKTF_OUTDIR = outdir;
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  process.env.CDKTF_CONTEXT_JSON = JSON.stringify({ ...context, cdktfRelativeModules: relativeModules });
  process.env.SYNTH_HCL_OUTPUT = String(hcl);
}

/**
 * Restarts this script with the large-config V8 flags when the config calls for them; resolves to
 * true when it did (this process then only waits for the restarted one and exits as it did).
 */
function restartWithFlagsIfLarge() {
  if (process.env.PULLGUARD_V8_TUNED === "1") return Promise.resolve(false);
  // Relative to the user's directory, as the app resolves it: npm starts this script in the package root.
  const size = configFileSize();
  if (size === undefined || size < LARGE_CONFIG_BYTES) return Promise.resolve(false); // a missing config: the app reports it
  const child = spawn(process.execPath, [...process.execArgv, ...LARGE_CONFIG_FLAGS, path.join(__dirname, "synth.js"), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, PULLGUARD_V8_TUNED: "1" },
  });
  // Ctrl-C reaches both processes (one process group); a SIGTERM sent to this one alone is passed on.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.once("error", (error) => fail(`pullguard: cannot restart node: ${error.message}`));
    child.once("exit", (code, signal) => {
      process.exitCode = code ?? (signal ? 128 + (require("node:os").constants.signals[signal] ?? 0) : 1);
      resolve(true);
    });
  });
}

const colors = process.stdout.isTTY && !process.env.NO_COLOR && !process.argv.includes("--no-color");
const paint = (code, text) => (colors ? `\x1b[${code}m${text}\x1b[39m` : text);

/** Prints annotations as the CLI does (@cdktf/cli-core printAnnotations); true if any is an error. */
function printAnnotations(manifest) {
  let errors = false;
  for (const stack of Object.values(manifest.stacks)) {
    for (const annotation of stack.annotations ?? []) {
      const level = { "@cdktf/info": "INFO", "@cdktf/warn": "WARN", "@cdktf/error": "ERROR" }[annotation.level] ?? annotation.level;
      const color = level === "WARN" ? "38;5;214" : level === "ERROR" ? "91" : "97";
      process.stdout.write(`${paint(color, `${level} [${annotation.constructPath}]: ${annotation.message}`)}\n`);
      if (level === "ERROR") {
        errors = true;
        if (annotation.stacktrace) process.stdout.write(`${paint("90", annotation.stacktrace.join("\n"))}\n`);
      }
    }
  }
  return errors;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (await restartWithFlagsIfLarge()) return;
  const cdktfJson = readCdktfJson();
  const outdir = options.output ?? cdktfJson.output ?? "cdktf.out";
  applyCliEnvironment(outdir, options.hcl, cdktfJson);

  globalThis[Symbol.for("pullguard.directSynth")] = true;
  runApp();
  await globalThis[Symbol.for("pullguard.appDone")];
  if (process.exitCode) return;

  const manifestFile = path.join(outdir, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  if (printAnnotations(manifest)) {
    process.stderr.write("While synthesizing one or more error annotations have been encountered. Please check the log output above.\n");
    process.exitCode = 1;
    return;
  }
  const names = Object.keys(manifest.stacks);
  if (names.length === 0) process.stderr.write("ERROR: No Terraform code synthesized.\n");
  process.stdout.write(`Generated Terraform code for the stacks: ${names.join(", ")}\n`);
  process.stdout.write(`Pull-budget report: ${path.join(outdir, "pull-budget.md")}\n`);
}

main().catch((error) => {
  process.stderr.write(`pullguard: internal error: ${String(error && error.message).replace(/\r?\n/g, "\\n")}\n`);
  if (process.env.PULLGUARD_DEBUG) process.stderr.write(`${error && error.stack}\n`);
  process.exitCode = 2;
});
