"use strict";
/**
 * The jest transform for TypeScript: esbuild, one file at a time, transpile-only (tsc --noEmit in
 * `npm test` type-checks; tsconfig.json's isolatedModules keeps every file transpilable alone).
 * The app itself runs from an esbuild bundle (scripts/lib/app-bundle.js), so tests run the code as
 * the app does. esbuild takes milliseconds per file where ts-jest first loads the TypeScript
 * compiler into every worker.
 */
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const { transformSync, version } = require("esbuild");

const root = path.resolve(__dirname, "..", "..");
const tsconfig = fs.readFileSync(path.join(root, "tsconfig.json"), "utf8");
const compilerOptions = JSON.parse(tsconfig).compilerOptions;
const OWN_SOURCE = fs.readFileSync(path.join(__dirname, "esbuild-transform.js"), "utf8");

module.exports = {
  process(sourceText, sourcePath) {
    const result = transformSync(sourceText, {
      loader: "ts",
      format: "cjs",
      target: "node20",
      platform: "node",
      sourcemap: "external",
      sourcefile: sourcePath,
      tsconfigRaw: { compilerOptions },
      // import() becomes a require, as tsc's CommonJS output has it: jest's module sandbox cannot
      // load a real dynamic import without --experimental-vm-modules (scripts/diagnose.ts uses one).
      supported: { "dynamic-import": false },
    });
    return { code: result.code, map: result.map };
  },
  getCacheKey(sourceText, sourcePath) {
    return crypto.createHash("sha256").update(`${version}\0${OWN_SOURCE}\0${tsconfig}\0${sourcePath}\0`).update(sourceText).digest("hex");
  },
};
