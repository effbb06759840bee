/**
 * Three projects: the first two run in this order by `npm test` (scripts/test-phases.js), each
 * alone with `npm run test:unit` / `npm run test:integration`, all three together by plain `npx jest`:
 * - unit: core, config, facts and in-process stack tests; no process started (seconds);
 * - integration: the app, the CLIs, terraform, npm: every test that starts a process;
 * - package: the packaging end-to-end test alone, not in `npm test`: `npm run test:package`, which
 *   .ci/run runs after `npm test`.
 * __tests__/helpers/test-phases.js decides which file is which, by what it imports.
 *
 * Type checking is `tsc --noEmit` in `npm test`; jest only transpiles (esbuild, one file at a time:
 * __tests__/helpers/esbuild-transform.js), which keeps the suite fast.
 */
const { testPhases } = require("./__tests__/helpers/test-phases");

const phases = testPhases();
const common = {
  testEnvironment: "node",
  rootDir: __dirname,
  roots: ["<rootDir>/__tests__"],
  transform: { "^.+\\.ts$": "<rootDir>/__tests__/helpers/esbuild-transform.js" },
};
/** A glob that matches exactly these files (jest matches testMatch against absolute paths). */
const only = (files) => (files.length === 0 ? ["<rootDir>/__tests__/no-test-in-this-phase"] : files);

module.exports = {
  // Both cores: the real-provider plan test waits on terraform most of its run.
  maxWorkers: 2,
  testSequencer: "<rootDir>/__tests__/helpers/slowest-first.js",
  projects: [
    { ...common, displayName: "unit", testMatch: only(phases.unit), setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts", "<rootDir>/__tests__/helpers/no-process.js"] },
    { ...common, displayName: "integration", testMatch: only(phases.integration), setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"] },
    { ...common, displayName: "package", testMatch: only(phases.package), setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"] },
  ],
};
