import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configLabel, loadConfig } from "./config/load";
import { platform } from "./config/platform";
import { oneLine, problemLine } from "./config/problems";
import { planPlatform } from "./core/plan";
import type { PlatformPlan } from "./core/model";
import { deployOrderLine, pullBudgetMarkdown, pullBudgetReport, stampedPullBudgetJson, stampedPullBudgetMarkdown, type OutputStamp } from "./core/report";
import { addPlatformStacks } from "./stacks/platform";
import { outputStamp } from "./app/output-stamp";
import { InvokerGone, stopIfInvokerGone, watchInvoker } from "./app/invoker-watch";
import { lockFileOf, lockOutdir } from "./app/outdir-lock";
import { discardShardWorker, isShardWorker, runShardWorker, shareConfig, synthesizeStacks } from "./app/parallel-synth";
import { environmentLine, EXIT, reportFailure, underCdktfCli } from "./app/synth-messages";
import { outdirOf, prepareOutput, resolveOutdir, type OutputTree } from "./app/synth-outdir";

/**
 * pullguard: config -> plan -> guard -> stacks. Anything wrong with the config stops here with one
 * line per problem and its config path, before a single stack is constructed. Everything is
 * written into a staging tree that replaces the output directory whole only at the end
 * (app/synth-outdir.ts); a refused synth replaces it with the report alone (or nothing).
 */
async function main(tree: OutputTree): Promise<number> {
  const outdir = tree.staging;
  const loaded = loadConfig(process.env, () => platform);
  if (!loaded.ok) {
    tree.commit();
    const n = loaded.problems.length;
    return reportFailure([...loaded.problems.map(problemLine), `pullguard: ${n} problem${n === 1 ? "" : "s"} in ${configLabel(loaded)}; nothing synthesized`], EXIT.refused);
  }
  // A worker thread started early for a large config plans at the same time as this thread.
  shareConfig(loaded.config);
  const plan = planPlatform(loaded.config);
  stopIfInvokerGone();
  const errors = plan.findings.filter((f) => f.level === "error");
  if (errors.length > 0) {
    // The report still goes out, with its refused verdicts: a pull request's comment needs the
    // pull budget most when a rollout is refused. No stack is written.
    writeReport(outdir, plan);
    tree.commit();
    const lines = errors.map((error) => `${error.path}: ${error.message}${error.rule ? ` [${error.rule}]` : ""}`);
    return reportFailure([...lines, `pullguard: ${errors.length} problem${errors.length === 1 ? "" : "s"} in ${configLabel(loaded)}; nothing synthesized (the pull-budget report shows why)`], EXIT.refused);
  }
  // `--hcl` is the switch `cdktf synth --hcl` passes as SYNTH_HCL_OUTPUT; accepting it here lets
  // the app write HCL when it runs without the CLI too (`node scripts/app.js --hcl`, docs/hcl.md).
  if (process.argv.slice(2).includes("--hcl")) process.env.SYNTH_HCL_OUTPUT = "true";
  // The report is composed while a second synth thread, if any, already builds stacks.
  let report: ReportFiles | undefined;
  await synthesizeStacks(outdir, plan, addStampedStacks, () => {
    report = reportFiles(plan);
  });
  writeReportFiles(outdir, report ?? reportFiles(plan));
  stopIfInvokerGone();
  tree.commit({ placeholders: underCdktfCli(process.env) });
  // The config read, by its absolute path when named relatively: a terminal line, never in a file.
  console.log(`pullguard: config ${configLabel(loaded)}`);
  console.log(deployOrderLine(plan));
  return EXIT.ok;
}

interface ReportFiles {
  readonly json: string;
  readonly markdown: string;
}

/** pullguard's version and the config's name, in every file written (app/output-stamp.ts). */
const stamp: OutputStamp = outputStamp(process.env);

function reportFiles(plan: PlatformPlan): ReportFiles {
  const report = pullBudgetReport(plan);
  return { json: stampedPullBudgetJson(report, stamp), markdown: stampedPullBudgetMarkdown(pullBudgetMarkdown(plan, report), stamp) };
}

function addStampedStacks(app: Parameters<typeof addPlatformStacks>[0], plan: PlatformPlan): void {
  addPlatformStacks(app, plan, stamp);
}

function writeReportFiles(outdir: string, files: ReportFiles): void {
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, "pull-budget.json"), files.json);
  writeFileSync(join(outdir, "pull-budget.md"), files.markdown);
}

function writeReport(outdir: string, plan: PlatformPlan): void {
  writeReportFiles(outdir, reportFiles(plan));
}

/** Takes the output directory's lock, runs the synth, and turns every failure into its one line and exit code. */
async function run(): Promise<number> {
  const outdir = outdirOf(process.env);
  let lock;
  try {
    lock = lockOutdir(resolveOutdir(outdir));
  } catch (error) {
    // The lock is written through a private file first: its name means nothing to the user.
    return failed(environmentLine(error, lockFileOf(outdir), () => lockFileOf(outdir)) ?? oneLine(`pullguard: cannot lock ${outdir}: ${(error as Error).message}`), EXIT.environment);
  }
  if (!lock.held) {
    // Never reported as a CLI success: the other synth's manifest must not be taken for ours.
    const where = lock.owner.host ? ` on ${lock.owner.host}` : "";
    return failed(`pullguard: ${outdir} is being written by another synth (process ${lock.owner.pid}${where}, ${lock.file}); run one synth at a time per output directory, or set CDKTF_OUTDIR`, EXIT.refused);
  }
  let tree: OutputTree | undefined;
  try {
    tree = prepareOutput(outdir);
    return await main(tree);
  } catch (error) {
    // Killed invoker, full disk, read-only or forbidden directory: the previous tree stays, marked
    // INCOMPLETE, and the message goes to stderr with a non-zero exit even under the cdktf CLI, which
    // would otherwise read the previous tree's manifest as this synth's.
    const environment = error instanceof InvokerGone ? `pullguard: stopped: ${error.message}; ${outdir} is left as it was, marked INCOMPLETE` : environmentLine(error, outdir, tree?.describe);
    tree?.abandon();
    if (environment !== undefined) return failed(environment, EXIT.environment);
    // A crash is a pullguard bug, not a config problem: say so in one line; PULLGUARD_DEBUG shows the stack.
    const lines = [oneLine(`pullguard: internal error: ${(error as Error).message}`)];
    if (process.env.PULLGUARD_DEBUG) lines.push(String((error as Error).stack));
    try {
      // As for a refused config: no stale stack is left for a pipeline to apply.
      tree?.commitEmpty();
    } catch {
      return failed(lines.join("\n"), EXIT.internal);
    }
    return reportFailure(lines, EXIT.internal);
  } finally {
    lock.release();
  }
}

/** Prints a line that must fail the run whoever started it (not routed through reportFailure). */
function failed(line: string, code: number): number {
  process.stderr.write(`${line}\n`);
  return code;
}

// A worker thread synthesizing part of a large platform's stacks (app/parallel-synth.ts).
if (isShardWorker()) runShardWorker(planPlatform, addStampedStacks);
else {
  // scripts/synth.js awaits this to know the app is done.
  watchInvoker();
  (globalThis as Record<symbol, unknown>)[Symbol.for("pullguard.appDone")] = run()
    .finally(discardShardWorker)
    .then((code) => {
      process.exitCode = code;
    });
}
