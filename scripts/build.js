#!/usr/bin/env node
/**
 * `npm run build` (and `npm pack`/`npm publish`, through prepack): compiles the package into
 * dist/ with tsc and tsconfig.build.json. dist/ is emptied first, so a source file that was
 * deleted or moved cannot linger in a published tarball.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
fs.rmSync(path.join(root, "dist"), { recursive: true, force: true });
const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { cwd: root, stdio: "inherit" });
if (result.status !== 0) process.exit(result.status ?? 1);
// The bin entry is run by its shebang on a user's PATH (npm links it with the mode set).
fs.chmodSync(path.join(root, "dist", "cli", "bin.js"), 0o755);
