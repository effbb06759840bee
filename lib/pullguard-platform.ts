import { Construct } from "constructs";
import type { App } from "cdktf";
import { loadConfig, parseConfig, type ConfigResult } from "../config/load";
import { problemLine } from "../config/problems";
import type { PlatformConfigInput } from "../config/schema";
import type { PlatformPlan } from "../core/model";
import { planPlatform } from "../core/plan";
import { pullBudgetMarkdown, pullBudgetReport, stampedPullBudgetJson, stampedPullBudgetMarkdown, type OutputStamp } from "../core/report";
import { outputPath } from "../app/output-stamp";
import { pullguardVersion } from "../app/package-version";
import { addPlatformStacks } from "../stacks/platform";

/** What a platform is built from: the config itself (TypeScript), or a JSON/YAML config file. */
export type PullguardPlatformProps =
  | { readonly config: PlatformConfigInput; readonly configFile?: undefined }
  | {
      /** A .json, .yaml or .yml config, relative to the directory the app runs in. */
      readonly configFile: string;
      readonly config?: undefined;
    };

/**
 * Thrown when the config, or the plan made from it, is refused: `message` holds one line per
 * problem (config path first), `problems` the same lines one by one. Nothing was added to the app.
 */
export class PullguardConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly source: string,
    what: string,
  ) {
    super(`pullguard: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${source}${what}:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    // Uncaught in the user's main.ts, node prints the stack and the own enumerable fields: show
    // the problem lines only (bad input is not a crash), keeping the fields readable by a catch.
    this.stack = `PullguardConfigError: ${this.message}`;
    Object.defineProperty(this, "problems", { enumerable: false });
    Object.defineProperty(this, "source", { enumerable: false });
  }
}
Object.defineProperty(PullguardConfigError.prototype, "name", { value: "PullguardConfigError" });

/**
 * Every registry and environment stack of a pullguard config, added to a cdktf App the caller
 * owns (the stacks are the App's children, siblings of this construct, named as `pullguard synth`
 * names them). The config is validated and planned first: any problem throws one
 * PullguardConfigError listing them all, before a single stack exists.
 *
 *   const app = new App();
 *   new PullguardPlatform(app, "pullguard", { configFile: "pullguard.config.yaml" });
 *   app.synth();
 */
export class PullguardPlatform extends Construct {
  /** The plan the stacks render: stacks, deploy order, pull-budget verdicts and findings. */
  readonly plan: PlatformPlan;
  /** pullguard's version and the config's name, in every stack's metadata and in the report. */
  readonly stamp: OutputStamp;

  constructor(app: App, id: string, props: PullguardPlatformProps) {
    super(app, id);
    // A relative configFile is the app's, relative to where it runs (not npm's INIT_CWD, which
    // config-file.ts prefers for a PULLGUARD_CONFIG typed on a command line).
    const loaded: ConfigResult =
      props.configFile !== undefined ? loadConfig({ ...process.env, PULLGUARD_CONFIG: props.configFile, INIT_CWD: process.cwd() }, () => ({}) as PlatformConfigInput) : parseConfig(props.config, "config");
    if (!loaded.ok) throw new PullguardConfigError(loaded.problems.map(problemLine), loaded.source, "");
    const plan = planPlatform(loaded.config);
    const errors = plan.findings.filter((f) => f.level === "error");
    if (errors.length > 0) {
      throw new PullguardConfigError(
        errors.map((e) => `${e.path}: ${e.message}${e.rule ? ` [${e.rule}]` : ""}`),
        loaded.source,
        " (the pull-budget report, pullguard synth's pull-budget.md, shows why)",
      );
    }
    this.plan = plan;
    // A config object has no file name: the stamp says where it came from instead.
    this.stamp = { version: pullguardVersion(), config: props.configFile !== undefined ? outputPath(props.configFile, process.cwd()) : "PullguardPlatform config object" };
    addPlatformStacks(app, plan, this.stamp);
  }

  /** The pull-budget report as Markdown (what `pullguard synth` writes to pull-budget.md). */
  pullBudgetMarkdown(): string {
    return stampedPullBudgetMarkdown(pullBudgetMarkdown(this.plan, pullBudgetReport(this.plan)), this.stamp);
  }

  /** The pull-budget report as JSON (pull-budget.json). */
  pullBudgetJson(): string {
    return stampedPullBudgetJson(pullBudgetReport(this.plan), this.stamp);
  }
}
