"use strict";
/**
 * Test order: the slowest files first, so the long ones start while the short ones fill the other
 * worker, and the run does not end on one long file alone. Jest's own order uses the durations of
 * this machine's previous runs, which a fresh clone (CI, a new developer) does not have; this list
 * gives the order there, and jest's order sorts everything it does not name.
 */
const Sequencer = require("@jest/test-sequencer").default;
const path = require("node:path");

/** Relative to __tests__/, slowest first (CPU-seconds measured on the 2-core machine: docs/benchmarks.md). */
const SLOWEST = [
  "terraform-plan.test.ts",
  "synth-direct.test.ts",
  "app/output-swap.test.ts",
  "config-injection.test.ts",
  "scripts/app-bundle.test.ts",
  "stacks/hcl-output.test.ts",
  "app/lean-synth.test.ts",
  "app/parallel-synth.test.ts",
  "scripts/diff-cli.test.ts",
  "fuzz.test.ts",
];
const testsDir = path.resolve(__dirname, "..");

class SlowestFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const at = SLOWEST.indexOf(path.relative(testsDir, test.path).split(path.sep).join("/"));
      return at < 0 ? SLOWEST.length : at;
    };
    const byJest = super.sort(tests);
    // Array.prototype.sort is stable: files the list does not name keep jest's order.
    return [...byJest].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = SlowestFirst;
