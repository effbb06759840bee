/**
 * `npm run diagnose -- [--format text|markdown|json] <file>...`
 * `npm run diagnose -- --live --environment <env> --service <service> [--since-hours N]`
 *
 * Reads a failed rollout's evidence (describe-services, describe-tasks, CloudTrail lookup-events or
 * log files, get-metric-data, ECS agent logs; any of them gzip'd), names the cause per service and
 * time window, and links it to the
 * current config (PULLGUARD_CONFIG, else config/platform.ts): the config path and value that fix it,
 * and whether the config already does. Exit 0 when a diagnosis was printed (whatever it found),
 * 1 on bad input (one line per problem, no stack trace), 2 on an internal error.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { configLabel, loadConfig } from "../config/load";
import { platform } from "../config/platform";
import { problemLine } from "../config/problems";
import { diagnose, formatJson, formatMarkdown, formatText, linkPlan, readEvidenceFile, type PlanLink } from "../core/diagnose";
import type { Evidence } from "../core/diagnose/types";
import { planPlatform } from "../core/plan";

const USAGE = "usage: npm run diagnose -- [--format text|markdown|json] <file>... | --live --environment <env> --service <service> [--since-hours N]";

export interface DiagnoseArgs {
  format: "text" | "markdown" | "json";
  files: string[];
  live: boolean;
  environment?: string;
  service?: string;
  sinceHours: number;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): DiagnoseArgs | "help" {
  const args: DiagnoseArgs = { format: "text", files: [], live: false, sinceHours: 3 };
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++k];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value; ${USAGE}`);
      return v;
    };
    if (flag === "-h" || flag === "--help") return "help";
    else if (flag === "--") continue;
    else if (flag === "--format") {
      const f = value();
      if (f !== "text" && f !== "markdown" && f !== "json") throw new UsageError(`--format must be text, markdown or json (got "${f}")`);
      args.format = f;
    } else if (flag === "--live") args.live = true;
    else if (flag === "--environment") args.environment = value();
    else if (flag === "--service") args.service = value();
    else if (flag === "--since-hours") {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 24) throw new UsageError("--since-hours must be a whole number from 1 to 24");
      args.sinceHours = n;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}; ${USAGE}`);
    else args.files.push(arg);
  }
  if (args.live && args.files.length > 0) throw new UsageError(`--live reads from AWS; give either files or --live; ${USAGE}`);
  if (args.live && (!args.environment || !args.service)) throw new UsageError(`--live needs --environment and --service; ${USAGE}`);
  if (!args.live && args.files.length === 0) throw new UsageError(`no evidence files; ${USAGE}`);
  return args;
}

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string[];
}

function loadLink(env: NodeJS.ProcessEnv): { link: PlanLink; source: string } | { problems: string[] } {
  const loaded = loadConfig(env, () => platform);
  if (!loaded.ok) return { problems: [...loaded.problems.map(problemLine), `pullguard diagnose: ${loaded.problems.length} problem${loaded.problems.length === 1 ? "" : "s"} in ${configLabel(loaded)}`] };
  // Plan findings (a rollout over budget) do not stop a diagnosis: they are what it may explain.
  return { link: linkPlan(planPlatform(loaded.config)), source: loaded.source };
}

function render(format: DiagnoseArgs["format"], d: Parameters<typeof formatText>[0]): string {
  return format === "json" ? formatJson(d) : format === "markdown" ? formatMarkdown(d) : formatText(d);
}

export async function run(argv: readonly string[], env: NodeJS.ProcessEnv, live?: typeof import("./lib/diagnose-live")): Promise<RunOutput> {
  let args: DiagnoseArgs | "help";
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return { code: 1, stdout: "", stderr: [error.message] };
    throw error;
  }
  if (args === "help") return { code: 0, stdout: `${USAGE}\n`, stderr: [] };
  const config = loadLink(env);
  if ("problems" in config) return { code: 1, stdout: "", stderr: config.problems };

  const evidence: Evidence[] = [];
  const inputs: string[] = [];
  const warnings: string[] = [];
  if (args.live) {
    const links = config.link.services(args.service as string, args.environment);
    if (links.length === 0) return { code: 1, stdout: "", stderr: [`--service ${args.service}: no service of that name in environment ${args.environment} of ${config.source}`] };
    // Loaded on demand: the offline path (and every test of it) never loads the AWS SDK.
    const collector = live ?? (await import("./lib/diagnose-live"));
    const end = new Date();
    const start = new Date(end.getTime() - args.sinceHours * 3600 * 1000);
    for (const link of links) {
      try {
        const got = await collector.collectLive({ link, service: args.service as string, start, end });
        evidence.push(...got.evidence);
        inputs.push(...got.inputs);
      } catch (error) {
        // No credentials, a denied read, a wrong Region: the user's to fix, so one line and exit 1.
        const e = error as Error;
        return { code: 1, stdout: "", stderr: [`--live ${link.environment}/${args.service} in ${link.region}: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message.split("\n")[0]}`] };
      }
    }
  } else {
    const problems: string[] = [];
    // Evidence lines name their file by base name (short lines), unless two inputs share one.
    const bases = args.files.map((f) => basename(f));
    const shown = (file: string, k: number): string => (bases.filter((b) => b === bases[k]).length > 1 ? file : bases[k]);
    for (const [k, file] of args.files.entries()) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        problems.push(`${file}: ${code === "ENOENT" ? "does not exist" : code === "EISDIR" ? "is a directory" : `cannot be read (${code ?? "unknown error"})`}`);
        continue;
      }
      const read = readEvidenceFile(bytes, shown(file, k));
      // Problems name the file as the user typed it.
      if (!read.ok) problems.push(`${file}${read.problem.slice(shown(file, k).length)}`);
      else {
        evidence.push(...read.evidence);
        inputs.push(`${file} (${read.format})`);
        if (read.warning) warnings.push(read.warning);
      }
    }
    if (problems.length > 0) return { code: 1, stdout: "", stderr: [...problems, `pullguard diagnose: ${problems.length} unreadable input${problems.length === 1 ? "" : "s"}; nothing diagnosed`] };
  }
  const diagnosis = diagnose(evidence, { link: config.link, ...(args.environment ? { environment: args.environment } : {}), inputs, warnings, config: config.source });
  return { code: 0, stdout: render(args.format, diagnosis), stderr: [] };
}

if (require.main === module) {
  run(process.argv.slice(2), process.env)
    .then((out) => {
      process.stdout.write(out.stdout);
      for (const line of out.stderr) console.error(line);
      process.exitCode = out.code;
    })
    .catch((error: unknown) => {
      // AWS errors (no credentials, AccessDenied on a read) are one line too; a stack only with PULLGUARD_DEBUG.
      const e = error as Error & { name?: string };
      console.error(`pullguard diagnose: ${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}`);
      if (process.env.PULLGUARD_DEBUG) console.error(e.stack);
      process.exitCode = 2;
    });
}
