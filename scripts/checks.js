#!/usr/bin/env node
/**
 * The static checks `npm test` runs before jest, side by side (the machine has 2 cores and each is
 * mostly one process): tsc type-checks everything (the app itself runs transpile-only), ESLint with
 * typescript-eslint's recommended rules, the layer rules (dependency-cruiser with
 * .dependency-cruiser.cjs: no import cycle, config/ below core/, core/ without cdktf, ...), and the
 * generated JSON Schema, config reference and findings list (docs/findings.md) are current. Each
 * check's output is printed whole, in a fixed order; the exit code is 1 if any failed.
 *
 * tsc (--incremental) and ESLint (--cache, by file content) keep what they learned under
 * node_modules/.cache/, so a repeat run on a developer's machine re-checks only what changed; a
 * fresh clone (CI) starts empty and checks everything, as before. ESLint's rules are not type-aware
 * (eslint.config.mjs), so its cache is per file.
 */
"use strict";
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const CHECKS = [
  ["type check", bin("tsc"), ["--noEmit", "-p", ".", "--incremental", "--tsBuildInfoFile", "node_modules/.cache/tsc/tsbuildinfo"]],
  ["eslint", bin("eslint"), ["--max-warnings", "0", "--cache", "--cache-strategy", "content", "--cache-location", "node_modules/.cache/eslint/", "."]],
  ["layers", bin("depcruise"), ["--config", ".dependency-cruiser.cjs", "index.ts", "main.ts", "cli", "lib", "app", "config", "core", "facts", "modules", "scripts", "stacks"]],
  ["schema", bin("tsx"), ["scripts/schema.ts", "--check"]],
  ["findings", bin("tsx"), ["scripts/findings.ts", "--check"]],
];

function run([name, command, args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (error) => resolve({ name, status: 1, output: `${error.message}\n` }));
    child.on("close", (status) => resolve({ name, status, output }));
  });
}

Promise.all(CHECKS.map(run)).then((results) => {
  for (const { name, status, output } of results) {
    if (output.trim() !== "") process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    if (status !== 0) console.error(`${name}: failed (exit ${status})`);
  }
  process.exitCode = results.every((r) => r.status === 0) ? 0 : 1;
});
