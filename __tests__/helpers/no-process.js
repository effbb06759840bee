"use strict";
/* global afterAll -- a jest setup file */
/**
 * Unit-phase guard (jest.config.js): a unit test starts no process. __tests__/helpers/test-phases.js
 * sorts files by what they import; this catches a process started some other way, with a message
 * that says where the test belongs. Restored after the file, since jest may run an integration
 * file next in the same worker.
 */
const childProcess = require("node:child_process");

const NAMES = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"];
const originals = Object.fromEntries(NAMES.map((name) => [name, childProcess[name]]));
for (const name of NAMES) {
  childProcess[name] = () => {
    throw new Error(`unit tests start no process (child_process.${name}); this file belongs in the integration phase: see __tests__/helpers/test-phases.js`);
  };
}
afterAll(() => Object.assign(childProcess, originals));
