/**
 * The layer rules (docs/architecture.md), checked by dependency-cruiser in `npm test`
 * (scripts/checks.js): `npx depcruise --config .dependency-cruiser.cjs index.ts main.ts cli lib app config core facts modules scripts stacks`.
 * Type-only imports count (tsPreCompilationDeps), so a type cannot smuggle a layer break or a cycle.
 */
"use strict";

const SOURCE_OUTSIDE_SCRIPTS = "^(index\\.ts|main\\.ts|lib|app|config|core|facts|modules|stacks)(/|$)";
const CDKTF = "^node_modules/(cdktf|@cdktf|constructs)/";
/** The plan type files: types only, no logic (issue 20). */
const MODEL_TYPE_FILE = "^core/model/([^/]+-types|location-context)\\.ts$";

module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "Planners share types through core/model, never each other; a cycle means a type or helper sits in the wrong file.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "facts-import-nothing",
      comment: "facts/ holds AWS facts tables (docs/aws-facts.md); config/ and core/ both read them, so they read nothing of the project.",
      severity: "error",
      from: { path: "^facts/" },
      to: { path: "^(index\\.ts|main\\.ts|cli|lib|app|config|core|modules|scripts|stacks)(/|$)" },
    },
    {
      name: "config-below-core",
      comment: "config/ reads and validates input; it may use facts/ but nothing that plans or renders.",
      severity: "error",
      from: { path: "^config/" },
      to: { path: "^(index\\.ts|main\\.ts|cli|lib|app|core|modules|scripts|stacks)(/|$)" },
    },
    {
      name: "core-is-pure",
      comment: "core/ is pure logic: no cdktf, and nothing of the layers that render or run it.",
      severity: "error",
      from: { path: "^core/" },
      to: { path: ["^(index\\.ts|main\\.ts|cli|lib|app|modules|scripts|stacks)(/|$)", CDKTF] },
    },
    {
      name: "model-types-import-no-logic",
      comment: "The plan types (core/model/*-types.ts, location-context.ts) import only each other, facts/, config/ and the findings log (core/model/findings.ts, a leaf: findings-log-is-a-leaf), type-only imports included: a type file that imports a logic file, even for a type, stacks every reader of the plan on that file and all it imports.",
      severity: "error",
      from: { path: MODEL_TYPE_FILE },
      to: { pathNot: [MODEL_TYPE_FILE, "^core/model/findings\\.ts$", "^(facts|config)/"] },
    },
    {
      name: "findings-log-is-a-leaf",
      comment: "The findings log (core/model/findings.ts), which every planner writes to and the plan types name, imports only config/, facts/ and core/sort.ts, so a plan type that names it loads no planning logic.",
      severity: "error",
      from: { path: "^core/model/findings\\.ts$" },
      to: { pathNot: ["^(facts|config)/", "^core/sort\\.ts$"] },
    },
    {
      name: "nothing-imports-scripts",
      comment: "scripts/ holds CLI entry points and dev tools; the app and its libraries never import them.",
      severity: "error",
      from: { path: SOURCE_OUTSIDE_SCRIPTS },
      to: { path: "^scripts/" },
    },
    {
      name: "nothing-imports-cli",
      comment: "cli/ is the `pullguard` command (package.json bin): an entry point, so nothing imports it.",
      severity: "error",
      from: { pathNot: "^cli/" },
      to: { path: "^cli/" },
    },
    {
      name: "cli-runs-the-app",
      comment: "cli/ may use main.ts (synth runs it), app/, config/, core/, stacks/ and the two scripts it wraps (diff, diagnose) with what they import; not lib/ (the construct is the user's path) nor the dev tools.",
      severity: "error",
      from: { path: "^cli/" },
      to: { path: "^(index\\.ts|lib/|scripts/)", pathNot: "^scripts/(diff|diagnose)\\.ts$|^scripts/lib/(tf-json-diff[a-z-]*|diagnose-live)\\.ts$" },
    },
    {
      name: "public-entry-is-the-api",
      comment: "index.ts (the package's main) and lib/ (the construct) build on config/, core/, stacks/ and app/; the app's own files never import them.",
      severity: "error",
      from: { path: "^(main\\.ts|app|config|core|facts|modules|stacks|scripts)(/|$)" },
      to: { path: "^(index\\.ts|lib/)" },
    },
    {
      name: "render-through-core-indexes",
      comment: "stacks/ and modules/ render the plan: they use a core/ folder through its index.ts (what the rest may use), not its files.",
      severity: "error",
      from: { path: "^(modules|stacks)/" },
      to: { path: "^core/[^/]+/", pathNot: "^core/[^/]+/index\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Keep paths of installed packages to their package root plus file, which CDKTF above matches.
    combinedDependencies: false,
  },
};
