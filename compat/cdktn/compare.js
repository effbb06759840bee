#!/usr/bin/env node
/**
 * Compares the output of the cdktf build with the CDK Terrain (cdktn) build, file by file:
 *
 *   node compat/cdktn/compare.js <cdktf outdir> <cdktn outdir>
 *
 * Every stack file, HCL file, pull-budget report and manifest must match byte for byte once the
 * intended differences are taken out, and each intended difference is counted and printed:
 *   - the toolchain version: `"//".metadata.version` in cdk.tf.json and metadata.json, `version`
 *     in manifest.json (0.21.0 -> 0.24.0);
 *   - empty-object formatting: cdktf 0.21 prints an empty `{}` or `[]` on two lines, cdktn on one.
 * Anything else is a real difference: exit 1, with the first differing line of each file.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [cdktfDir, cdktnDir] = process.argv.slice(2);
if (!cdktfDir || !cdktnDir) {
  console.error("usage: compare.js <cdktf outdir> <cdktn outdir>");
  process.exit(2);
}

function files(dir, base = dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]))
    .sort();
}

const intended = { version: 0, emptyObject: 0 };

/** The file with the intended differences normalized, counting each one found. */
function normalized(text, file, count) {
  let out = text;
  if (/(^|\/)(cdk\.tf\.json|metadata\.json|manifest\.json)$/.test(file)) {
    out = out.replace(/^(\s*"version": )"0\.2[14]\.0"/gm, (_, lead) => {
      if (count) intended.version++;
      return `${lead}"<toolchain>"`;
    });
    out = out.replace(/([{[])\n\s*([}\]])/g, (_, open, close) => {
      if (count) intended.emptyObject++;
      return `${open}${close}`;
    });
  }
  return out;
}

const left = files(cdktfDir);
const right = files(cdktnDir);
const problems = [];
if (JSON.stringify(left) !== JSON.stringify(right)) {
  problems.push(`different files:\n  cdktf only: ${left.filter((f) => !right.includes(f)).join(", ") || "-"}\n  cdktn only: ${right.filter((f) => !left.includes(f)).join(", ") || "-"}`);
}
let identical = 0;
let normalizedSame = 0;
for (const file of left.filter((f) => right.includes(f))) {
  const a = fs.readFileSync(path.join(cdktfDir, file), "utf8");
  const b = fs.readFileSync(path.join(cdktnDir, file), "utf8");
  if (a === b) {
    identical++;
    continue;
  }
  const na = normalized(a, file, true);
  const nb = normalized(b, file, false);
  if (na === nb) {
    normalizedSame++;
    continue;
  }
  const la = na.split("\n");
  const lb = nb.split("\n");
  const at = la.findIndex((line, i) => line !== lb[i]);
  problems.push(`${file}: line ${at + 1}\n  cdktf: ${la[at]}\n  cdktn: ${lb[at]}`);
}

console.log(`${left.length} files: ${identical} byte-identical, ${normalizedSame} identical but for the intended differences (in the cdktf files: ${intended.version} toolchain version strings, ${intended.emptyObject} empty objects or arrays printed on two lines)`);
if (problems.length > 0) {
  console.error(`cdktn output differs from cdktf output beyond the intended differences:\n${problems.join("\n")}`);
  process.exit(1);
}
