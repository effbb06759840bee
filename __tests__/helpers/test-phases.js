"use strict";
/**
 * Which phase each test file runs in (jest.config.js projects; scripts/test-phases.js runs them in
 * order). A file is an integration test when it, or any project file it imports (transitively,
 * node_modules aside), uses node:child_process: it starts the app, the cdktf CLI, terraform, npm or
 * another process. Every other file is a unit test: core, config, facts
 * and in-process stack tests, which answer in seconds. New tests land in the right phase by what
 * they import; __tests__/helpers/no-process.js makes a unit test that starts a process anyway fail.
 *
 * A few in-process files are integration tests all the same, for their cost: they synthesize
 * whole platforms several times over (HEAVY_IN_PROCESS).
 *
 * The packaging end-to-end test (PACKAGE: npm pack, tsc build, install, init, synth, plan; about
 * 40 CPU-seconds) is in neither: it is the `package` project, which `npm run test:package` runs and
 * .ci/run runs after `npm test` (issue 21: "all inside npm test or .ci/run"), so `npm test` stays
 * under 90 s on a 2-core machine.
 */
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
const testsDir = path.join(root, "__tests__");
/** Relative to __tests__/. */
const HEAVY_IN_PROCESS = ["app/lean-synth.test.ts"];
const PACKAGE = ["package/packed-install.test.ts"];
const STARTS_PROCESSES = /\b(?:from|require\()\s*\(?\s*["'](?:node:)?child_process["']/;
const LOCAL_IMPORT = /\b(?:from|require\(|import\()\s*["'](\.{1,2}\/[^"']+)["']/g;

function resolveLocal(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, "index.ts"), path.join(base, "index.js")]) {
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Try the next form.
    }
  }
  return undefined;
}

/** Whether `file` or a project file it imports starts processes; `seen` memoizes across files. */
function startsProcesses(file, seen) {
  if (seen.has(file)) return seen.get(file);
  seen.set(file, false); // an import cycle adds nothing
  const source = fs.readFileSync(file, "utf8");
  let result = STARTS_PROCESSES.test(source);
  if (!result && /\.(ts|js)$/.test(file)) {
    for (const match of source.matchAll(LOCAL_IMPORT)) {
      const target = resolveLocal(file, match[1]);
      if (target !== undefined && !target.includes(`${path.sep}node_modules${path.sep}`) && startsProcesses(target, seen)) {
        result = true;
        break;
      }
    }
  }
  seen.set(file, result);
  return result;
}

function testFiles(dir = testsDir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "golden" || entry.name === "fixtures" ? [] : testFiles(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Absolute paths of the test files of each phase, sorted. */
function testPhases() {
  const seen = new Map();
  const unit = [];
  const integration = [];
  const packaging = [];
  for (const file of testFiles().sort()) {
    const relative = path.relative(testsDir, file).split(path.sep).join("/");
    if (PACKAGE.includes(relative)) packaging.push(file);
    else (HEAVY_IN_PROCESS.includes(relative) || startsProcesses(file, seen) ? integration : unit).push(file);
  }
  return { unit, integration, package: packaging };
}

module.exports = { testPhases, startsProcesses };
