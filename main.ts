import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { configLabel, loadConfig } from "./config/load";
import { platform } from "./config/platform";
import { oneLine, problemLine } from "./config/problems";
import { planPlatform } from "./core/plan";
import type { PlatformPlan } from "./core/plan-types";
import { deployOrderLine, pullBudgetJson, pullBudgetMarkdown, pullBudgetReport } from "./core/report";
import { addPlatformStacks } from "./stacks/platform";
import { discardShardWorker, isShardWorker, runShardWorker, shareConfig, synthesizeStacks } from "./scripts/lib/parallel-synth";
import { reportFailure } from "./scripts/lib/synth-messages";
import { lockOutdir, outdirOf, removeOrphanedStacks, removeStaleOutput } from "./scripts/lib/synth-outdir";

/**
 * pullguard: config -> plan -> guard -> stacks. Anything wrong with the config stops here with one
 * line per problem and its config path, before a single stack is constructed, so nothing is written.
 */
async function main(outdir: string): Promise<number> {
  const loaded = loadConfig(process.env, () => platform);
  if (!loaded.ok) {
    removeStaleOutput(outdir);
    const n = loaded.problems.length;
    return reportFailure([...loaded.problems.map(problemLine), `pullguard: ${n} problem${n === 1 ? "" : "s"} in ${configLabel(loaded)}; nothing synthesized`], 1);
  }
  // A worker thread started early for a large config plans at the same time as this thread.
  shareConfig(loaded.config);
  const plan = planPlatform(loaded.config);
  const errors = plan.findings.filter((f) => f.level === "error");
  if (errors.length > 0) {
    removeStaleOutput(outdir);
    // The report still goes out, with its refused verdicts: a pull request's comment needs the
    // pull budget most when a rollout is refused. No stack is written.
    writeReport(outdir, plan);
    const lines = errors.map((error) => `${error.path}: ${error.message}${error.rule ? ` [${error.rule}]` : ""}`);
    return reportFailure([...lines, `pullguard: ${errors.length} problem${errors.length === 1 ? "" : "s"} in ${configLabel(loaded)}; nothing synthesized (the pull-budget report shows why)`], 1);
  }
  // `--hcl` is the switch `cdktf synth --hcl` passes as SYNTH_HCL_OUTPUT; accepting it here lets
  // the app write HCL when it runs without the CLI too (`node scripts/app.js --hcl`, docs/hcl.md).
  if (process.argv.slice(2).includes("--hcl")) process.env.SYNTH_HCL_OUTPUT = "true";
  // The report is composed while a second synth thread, if any, already builds stacks.
  let report: ReportFiles | undefined;
  await synthesizeStacks(outdir, plan, addPlatformStacks, () => {
    report = reportFiles(plan);
  });
  removeOrphanedStacks(outdir);
  writeReportFiles(outdir, report ?? reportFiles(plan));
  // The config read, by its absolute path when named relatively: a terminal line, never in a file.
  console.log(`pullguard: config ${configLabel(loaded)}`);
  console.log(deployOrderLine(plan));
  return 0;
}

interface ReportFiles {
  readonly json: string;
  readonly markdown: string;
}

function reportFiles(plan: PlatformPlan): ReportFiles {
  const report = pullBudgetReport(plan);
  return { json: pullBudgetJson(report), markdown: pullBudgetMarkdown(plan, report) };
}

function writeReportFiles(outdir: string, files: ReportFiles): void {
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, "pull-budget.json"), files.json);
  writeFileSync(join(outdir, "pull-budget.md"), files.markdown);
}

function writeReport(outdir: string, plan: PlatformPlan): void {
  writeReportFiles(outdir, reportFiles(plan));
}

async function run(): Promise<number> {
  const outdir = outdirOf(process.env);
  let lock;
  try {
    lock = lockOutdir(outdir);
  } catch (error) {
    process.stderr.write(`pullguard: cannot lock ${outdir}: ${(error as Error).message}\n`);
    return 1;
  }
  if (!lock.held) {
    // Never reported as a CLI success: the other synth's manifest must not be taken for ours.
    process.stderr.write(`pullguard: ${outdir} is being written by another synth (process ${lock.owner}); run one synth at a time per output directory, or set CDKTF_OUTDIR\n`);
    return 1;
  }
  try {
    return await main(outdir);
  } catch (error) {
    // A crash is a pullguard bug, not a config problem: say so in one line; PULLGUARD_DEBUG shows the stack.
    try {
      removeStaleOutput(outdir);
    } catch {
      // The message below matters more than the cleanup.
    }
    const lines = [oneLine(`pullguard: internal error: ${(error as Error).message}`)];
    if (process.env.PULLGUARD_DEBUG) lines.push(String((error as Error).stack));
    return reportFailure(lines, 2);
  } finally {
    discardShardWorker();
    lock.release();
  }
}

// A worker thread synthesizing part of a large platform's stacks (scripts/lib/parallel-synth.ts).
if (isShardWorker()) runShardWorker(planPlatform, addPlatformStacks);
else {
  // scripts/synth.js awaits this to know the app is done.
  (globalThis as Record<symbol, unknown>)[Symbol.for("pullguard.appDone")] = run().then((code) => {
    process.exitCode = code;
  });
}
