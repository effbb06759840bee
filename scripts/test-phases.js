#!/usr/bin/env node
/**
 * `npm test` after the static checks: the unit phase, then the integration phase (jest.config.js
 * projects), each a jest run of its own; a failing phase stops the run, so a broken core answers in
 * seconds instead of after the terraform plans. Arguments go to both runs (`npm test -- -t cache`);
 * a phase none of whose files match them is passed over. With `--json --outputFile=<file>` (how
 * .ci/run reads the counts) the file holds both phases' results merged into one jest report.
 * `--watch`/`--watchAll` run plain jest, every project at once. The `package` project (the packaging
 * end-to-end test) is not a phase of `npm test`: .ci/run runs it after, with `npm run test:package`.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const jest = path.join(root, "node_modules", ".bin", "jest");
const PHASES = ["unit", "integration"];

/** The value of --outputFile (either form), and the arguments without it and without --json. */
function splitOutputArguments(args) {
  let outputFile;
  const rest = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--json") continue;
    if (arg.startsWith("--outputFile=")) outputFile = arg.slice("--outputFile=".length);
    else if (arg === "--outputFile") outputFile = args[++i];
    else rest.push(arg);
  }
  return { outputFile, rest };
}

/** One jest report from the phases' reports, as one run over every file would have written it. */
function mergeReports(reports) {
  const sum = (key) => reports.reduce((total, report) => total + (report[key] ?? 0), 0);
  const counts = Object.fromEntries(
    ["numFailedTestSuites", "numFailedTests", "numPassedTestSuites", "numPassedTests", "numPendingTestSuites", "numPendingTests", "numRuntimeErrorTestSuites", "numTodoTests", "numTotalTestSuites", "numTotalTests"].map((key) => [key, sum(key)]),
  );
  return {
    ...counts,
    openHandles: reports.flatMap((report) => report.openHandles ?? []),
    snapshot: reports[reports.length - 1].snapshot,
    startTime: Math.min(...reports.map((report) => report.startTime)),
    success: reports.every((report) => report.success),
    testResults: reports.flatMap((report) => report.testResults),
    wasInterrupted: reports.some((report) => report.wasInterrupted),
  };
}

function main(args) {
  if (args.includes("--watch") || args.includes("--watchAll")) return spawnSync(jest, args, { cwd: root, stdio: "inherit" }).status ?? 1;
  const { outputFile, rest } = splitOutputArguments(args);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pullguard-test-phases-"));
  try {
    const reports = [];
    for (const phase of PHASES) {
      const report = path.join(work, `${phase}.json`);
      console.log(`\n=== ${phase} tests ===`);
      const run = spawnSync(jest, ["--selectProjects", phase, "--passWithNoTests", "--json", `--outputFile=${report}`, ...rest], { cwd: root, stdio: "inherit" });
      if (!fs.existsSync(report)) {
        console.error(`${phase} tests: jest wrote no results (exit ${run.status ?? run.signal})`);
        return 1;
      }
      reports.push(JSON.parse(fs.readFileSync(report, "utf8")));
      if (run.status !== 0) {
        if (phase !== PHASES[PHASES.length - 1]) console.error(`${phase} tests failed: the ${PHASES.slice(PHASES.indexOf(phase) + 1).join(" and ")} tests were not run`);
        break;
      }
    }
    const merged = mergeReports(reports);
    if (outputFile !== undefined) fs.writeFileSync(path.resolve(outputFile), JSON.stringify(merged));
    else if (args.includes("--json")) process.stdout.write(`${JSON.stringify(merged)}\n`);
    if (merged.numTotalTestSuites === 0) {
      console.error("No tests found in either phase");
      return 1;
    }
    return merged.success && reports.length === PHASES.length ? 0 : 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
