/** Type checking is `tsc --noEmit` in `npm test`; jest only transpiles, which keeps the suite fast. */
module.exports = {
  testEnvironment: "node",
  // Both cores: the real-provider plan test waits on terraform most of its run.
  maxWorkers: 2,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
};
