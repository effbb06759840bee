#!/usr/bin/env bash
# The CDK Terrain build (docs/cdk-terrain.md): pullguard's sources, unchanged, installed from this
# directory's package.json and package-lock.json, where npm aliases put cdktn, @cdktn/provider-aws
# and a constructs cdktn accepts under the names the sources import (cdktf, @cdktf/provider-aws).
# It runs the full test suite, synthesizes every example as JSON and HCL with both builds, and
# compares them (compare.js). The cdktf build is the checkout this script lives in, already
# installed (npm ci). No CLI: cdktn-cli needs Node 22, and the app runs without it.
#
#   compat/cdktn/run.sh            build, test, synth, compare; exit non-zero on any failure
#   PULLGUARD_CDKTN_SKIP_TESTS=1   skip npm test (the comparison alone takes under a minute)
set -euo pipefail
compat="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$compat/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pullguard-cdktn-XXXXXX")"
trap 'rm -rf "$work"' EXIT
# mktemp makes the directory 0700; the output tests run the app once as an unprivileged user (a
# read-only output directory is only read-only to non-root), which must be able to read the build.
chmod 755 "$work"
export CHECKPOINT_DISABLE=1

# The alias build must differ from the default build only in the three swapped packages: any other
# dependency or script drifting from the root package.json fails here, before anything is installed.
node -e '
const root = require(process.argv[1]), compat = require(process.argv[2]);
const swapped = new Set(["cdktf", "cdktn", "@cdktf/provider-aws", "constructs"]);
const pick = (deps) => Object.fromEntries(Object.entries(deps).filter(([k]) => !swapped.has(k) && k !== "cdktf-cli"));
const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const problems = [];
if (!same(pick(root.dependencies), pick(compat.dependencies))) problems.push("dependencies");
if (!same(pick(root.devDependencies), pick(compat.devDependencies))) problems.push("devDependencies");
for (const name of ["test", "synth", "app", "schema", "diff", "lint", "prepare", "diagnose", "golden"]) if (root.scripts[name] !== compat.scripts[name]) problems.push(`scripts.${name}`);
if (problems.length > 0) { console.error(`compat/cdktn/package.json drifted from package.json: ${problems.join(", ")}`); process.exit(1); }
' "$repo/package.json" "$compat/package.json"

echo "cdktn build: copying the sources to $work/build"
mkdir -p "$work/build"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard -- . ':!compat' ':!package.json' ':!package-lock.json' \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | xargs -0 cp --parents -t "$work/build")
cp "$compat/package.json" "$compat/package-lock.json" "$work/build/"

cd "$work/build"
npm ci --no-audit --no-fund --loglevel=error
node -e 'for (const p of ["cdktf", "@cdktf/provider-aws", "constructs"]) { const j = require(`${p}/package.json`); console.log(`  ${p} -> ${j.name}@${j.version}`); }'

if [ "${PULLGUARD_CDKTN_SKIP_TESTS:-}" = 1 ]; then
  echo "cdktn build: npm test SKIPPED (PULLGUARD_CDKTN_SKIP_TESTS=1)"
else
  echo "cdktn build: npm test"
  npm test
fi

echo "cdktn build: synth every example with both builds, JSON and HCL"
configs=("")
while IFS= read -r -d '' f; do configs+=("$f"); done < <(cd "$repo" && find config/examples -maxdepth 1 \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -print0 | sort -z)
for build in cdktf cdktn; do
  dir="$repo"; [ "$build" = cdktn ] && dir="$work/build"
  mkdir -p "$work/out-$build"
  for i in "${!configs[@]}"; do
    for format in json hcl; do
      out="$work/out-$build/${i}-${format}"
      hcl=false; [ "$format" = hcl ] && hcl=true
      config="${configs[$i]}"
      (cd "$dir" && env ${config:+PULLGUARD_CONFIG="$config"} CDKTF_OUTDIR="$out" SYNTH_HCL_OUTPUT="$hcl" node scripts/app.js)
    done
  done
done
node "$compat/compare.js" "$work/out-cdktf" "$work/out-cdktn"
echo "cdktn build: every stack matches the cdktf build$([ "${PULLGUARD_CDKTN_SKIP_TESTS:-}" = 1 ] || echo ", and the full test suite passes")"
