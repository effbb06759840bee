import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { pullguardRoot } from "../app/package-version";
import { parseConfigText } from "../config/load";
import { problemLine } from "../config/problems";
import { CLI_EXIT, splitFlag, type CliIo } from "./io";
import { templateFiles, type InitAnswers, type OwnPackage } from "./init-templates";

export const INIT_HELP = `usage: pullguard init [--project <name>] [--account <alias>=<12-digit id>]... [--region <region>] [--force]

Writes a platform repository into the working directory: package.json (pullguard pinned to this
version), cdktf.json, main.ts (the PullguardPlatform construct), pullguard.config.yaml (a small
valid estate to edit), .github/workflows/plan.yml, .gitignore, tsconfig.json and README.md.
Non-interactive: every answer has a default, so CI and scripts can run it.

  --project   the config's project (default: the directory's name when it is a valid one, else "platform")
  --account   an account alias and id; repeat for several (default: main=123456789012)
  --region    the Region of the first environment (default: us-east-1)
  --force     write into a directory that is not empty; existing files are still never overwritten

examples:
  mkdir platform && cd platform && npx pullguard init
  pullguard init --project acme --account shared=111111111111 --account prod=222222222222 --region eu-west-1
`;

const NAME = /^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/;

function parseInitArgs(argv: readonly string[], cwd: string): { answers: InitAnswers; force: boolean } | "help" | { usage: string } {
  let project: string | undefined;
  let region = "us-east-1";
  let force = false;
  const accounts: Array<{ alias: string; id: string }> = [];
  for (let k = 0; k < argv.length; k++) {
    const { flag, inline } = splitFlag(argv[k]!);
    if (flag === "-h" || flag === "--help") return "help";
    if (flag === "--force" && inline === undefined) {
      force = true;
      continue;
    }
    if (flag !== "--project" && flag !== "--account" && flag !== "--region") return { usage: `unknown argument ${JSON.stringify(argv[k])}` };
    const value = inline ?? argv[++k];
    if (value === undefined || value === "") return { usage: `${flag} needs a value` };
    if (flag === "--project") project = value;
    else if (flag === "--region") region = value;
    else {
      const match = /^([^=]+)=(.*)$/.exec(value);
      if (!match) return { usage: `--account ${JSON.stringify(value)}: write it as <alias>=<12-digit account id>` };
      if (accounts.some((a) => a.alias === match[1])) return { usage: `--account ${match[1]} is given twice` };
      accounts.push({ alias: match[1]!, id: match[2]! });
    }
  }
  const directoryName = basename(cwd).toLowerCase();
  const answers: InitAnswers = {
    project: project ?? (NAME.test(directoryName) && directoryName.length <= 20 ? directoryName : "platform"),
    accounts: accounts.length > 0 ? accounts : [{ alias: "main", id: "123456789012" }],
    region,
  };
  return { answers, force };
}

function ownPackage(root: string): OwnPackage {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Partial<OwnPackage>;
  return { version: String(pkg.version), peerDependencies: pkg.peerDependencies ?? {}, devDependencies: pkg.devDependencies ?? {} };
}

/**
 * `pullguard init`: writes a platform repository into `io.cwd`. Refuses a directory that is not
 * empty unless --force, and never overwrites a file (an existing one is named and skipped). The
 * answers are checked the way synth checks a config: the generated pullguard.config.yaml is
 * validated before anything is written, so a bad --account or --region is refused with the
 * config's own message.
 */
export function initCommand(argv: readonly string[], io: CliIo): number {
  const parsed = parseInitArgs(argv, io.cwd);
  if (parsed === "help") {
    io.stdout(INIT_HELP);
    return CLI_EXIT.ok;
  }
  if ("usage" in parsed) {
    io.stderr(`pullguard init: ${parsed.usage}; see pullguard init --help\n`);
    return CLI_EXIT.usage;
  }
  const root = pullguardRoot();
  const files = templateFiles(parsed.answers, ownPackage(root), root);
  const config = files.find(([path]) => path === "pullguard.config.yaml")![1];
  const checked = parseConfigText(config, "pullguard.config.yaml");
  if (!checked.ok) {
    // The generated text holds only the flags' values: each problem is one of them.
    for (const problem of checked.problems) io.stderr(`pullguard init: ${problemLine(problem)}\n`);
    io.stderr("pullguard init: nothing written; fix --project, --account or --region\n");
    return CLI_EXIT.refused;
  }
  let entries: string[];
  try {
    entries = readdirSync(io.cwd);
  } catch (error) {
    io.stderr(`pullguard init: cannot read ${io.cwd}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return CLI_EXIT.refused;
  }
  if (entries.length > 0 && !parsed.force) {
    io.stderr(`pullguard init: ${io.cwd} is not empty (${entries.slice(0, 3).join(", ")}${entries.length > 3 ? ", ..." : ""}); run it in an empty directory, or pass --force (existing files are never overwritten)\n`);
    return CLI_EXIT.refused;
  }
  const skipped: string[] = [];
  for (const [path, text] of files) {
    const target = join(io.cwd, path);
    if (existsSync(target)) {
      skipped.push(path);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    // "wx": a file that appeared since the check is still not overwritten.
    writeFileSync(target, text, { flag: "wx" });
    io.stdout(`wrote ${path}\n`);
  }
  for (const path of skipped) io.stdout(`kept ${path} (it exists; not overwritten)\n`);
  io.stdout(`\nnext: npm install && npm run synth   (edit pullguard.config.yaml: your VPC ids and services)\n`);
  return CLI_EXIT.ok;
}
