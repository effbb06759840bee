#!/usr/bin/env node
/**
 * The cdktf app command (cdktf.json "app"): runs main.ts from its cached esbuild bundle
 * (scripts/lib/app-bundle.js says how the cache is keyed). `--build-only` fills the cache and
 * exits: npm runs it as the `prepare` script, so the first synth after `npm ci` is as fast as the
 * next. `npm run synth` does not come through here: scripts/synth.js runs the same bundle without
 * the cdktf CLI.
 */
"use strict";
const { bundle, runApp } = require("./lib/app-bundle");

if (process.argv.includes("--build-only")) {
  bundle();
} else {
  runApp();
}
