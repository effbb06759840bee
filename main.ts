import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";
import { loadConfig } from "./config/load";
import { platform } from "./config/platform";
import { oneLine, problemLine } from "./config/problems";
import { planPlatform } from "./core/plan";
import { deployOrderLine, pullBudgetJson, pullBudgetMarkdown, pullBudgetReport } from "./core/report";
import { addPlatformStacks } from "./stacks/platform";

/**
 * A refused synth must not leave the previous run's stacks behind for a pipeline to apply: the
 * cdktf CLI does not clear its output directory when the app fails.
 */
function removeStaleOutput(): void {
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  for (const name of ["stacks", "manifest.json", "pull-budget.json", "pull-budget.md"]) rmSync(join(outdir, name), { recursive: true, force: true });
}

/**
 * cdktf records a full creation stack trace for every token it makes (tens of thousands for a large
 * platform) and formats each one into text it only shows when a token fails to resolve. Formatting
 * was 40% of synth time at 1,000 services (docs/benchmarks.md); pullguard resolves nothing lazily
 * that could fail, so the traces are captured but not formatted while the stacks are built. The
 * global is restored afterwards, so a real crash still shows its stack with PULLGUARD_DEBUG.
 */
function withoutTokenStackTraces(build: () => void): void {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = () => "";
  try {
    build();
  } finally {
    Error.prepareStackTrace = previous;
  }
}

/**
 * pullguard: config -> plan -> guard -> stacks. Anything wrong with the config stops here with one
 * line per problem and its config path, before a single stack is constructed, so nothing is written.
 */
function main(): number {
  const loaded = loadConfig(process.env, () => platform);
  if (!loaded.ok) {
    for (const problem of loaded.problems) console.error(problemLine(problem));
    console.error(`pullguard: ${loaded.problems.length} problem${loaded.problems.length === 1 ? "" : "s"} in ${loaded.source}; nothing synthesized`);
    removeStaleOutput();
    return 1;
  }
  const plan = planPlatform(loaded.config);
  const errors = plan.findings.filter((f) => f.level === "error");
  if (errors.length > 0) {
    for (const error of errors) console.error(`${error.path}: ${error.message}${error.rule ? ` [${error.rule}]` : ""}`);
    console.error(`pullguard: ${errors.length} problem${errors.length === 1 ? "" : "s"} in ${loaded.source}; nothing synthesized`);
    removeStaleOutput();
    return 1;
  }
  // `--hcl` is the switch `cdktf synth --hcl` passes as SYNTH_HCL_OUTPUT; accepting it here lets
  // the app write HCL when it runs without the CLI too (`node scripts/app.js --hcl`, docs/hcl.md).
  if (process.argv.slice(2).includes("--hcl")) process.env.SYNTH_HCL_OUTPUT = "true";
  const app = new App({ stackTraces: false });
  withoutTokenStackTraces(() => {
    addPlatformStacks(app, plan);
    app.synth();
  });
  mkdirSync(app.outdir, { recursive: true });
  const report = pullBudgetReport(plan);
  writeFileSync(join(app.outdir, "pull-budget.json"), pullBudgetJson(report));
  writeFileSync(join(app.outdir, "pull-budget.md"), pullBudgetMarkdown(plan, report));
  console.log(deployOrderLine(plan));
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  // A crash is a pullguard bug, not a config problem: say so in one line; PULLGUARD_DEBUG shows the stack.
  console.error(`pullguard: internal error: ${oneLine((error as Error).message)}`);
  if (process.env.PULLGUARD_DEBUG) console.error((error as Error).stack);
  // Half-written stacks from a crashed synth must not be applied either.
  try {
    removeStaleOutput();
  } catch {
    // Nothing more to do: the exit code already says the output is not to be used.
  }
  process.exitCode = 2;
}
