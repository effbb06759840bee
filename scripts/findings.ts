/**
 * Writes docs/findings.md from the finding definitions in core/rules/catalogue/. `--check` fails
 * when the committed file is not what the definitions generate (npm test runs it), so the list of
 * findings, their levels and fixes cannot drift from the code.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOGUE } from "../core/rules/catalogue";
import { findingsMarkdown } from "../core/rules/findings-doc";

const file = join(__dirname, "..", "docs", "findings.md");
const wanted = findingsMarkdown(CATALOGUE);

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    // A missing file is stale like any other.
  }
  if (current !== wanted) {
    console.error("docs/findings.md is out of date with core/rules/catalogue/: run `npm run findings` and commit it");
    process.exitCode = 1;
  }
} else {
  writeFileSync(file, wanted);
}
