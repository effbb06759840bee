import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { copyProject, injectFailure, runNode } from "./helpers/project-copy";

/**
 * The real app, as cdktf runs it: `node scripts/app.js` with the config from PULLGUARD_CONFIG (or
 * the embedded one) and the output directory from CDKTF_OUTDIR. About a second per run.
 */
jest.setTimeout(30_000);

const ROOT = resolve(__dirname, "..");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function runApp(env: Record<string, string>): SpawnSyncReturns<string> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["PULLGUARD_CONFIG", "PULLGUARD_NO_CACHE", "PULLGUARD_DEBUG", "CDKTF_OUTDIR", "CDKTF_CONTEXT_JSON"]) delete base[name];
  const result = spawnSync(process.execPath, ["scripts/app.js"], {
    cwd: ROOT,
    env: { ...base, CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
    timeout: 25_000,
  });
  if (result.error) throw result.error;
  return result;
}

/** An output directory holding a previous run's stack, which a refused run must not leave behind. */
function staleOutdir(): string {
  const outdir = join(dir, "cdktf.out");
  mkdirSync(join(outdir, "stacks", "old"), { recursive: true });
  writeFileSync(join(outdir, "stacks", "old", "cdk.tf.json"), "{}\n");
  writeFileSync(join(outdir, "pull-budget.json"), "{}\n");
  return outdir;
}

function stderrLines(result: SpawnSyncReturns<string>): string[] {
  return result.stderr.split("\n").filter((line) => line !== "");
}

function expectNoStackTrace(result: SpawnSyncReturns<string>): void {
  for (const line of result.stderr.split("\n")) expect(line).not.toMatch(/^\s+at /);
  expect(result.stderr).not.toMatch(/internal error/);
}

const GOOD_ENV = `
    account: main
    regions:
      us-east-1:
        vpc:
          id: vpc-0123456789abcdef0
          cidr: 10.0.0.0/16
          privateSubnetIds: [subnet-0123456789abcdef0]
          privateRouteTableIds: [rtb-0123456789abcdef0]`;

describe("node scripts/app.js", () => {
  it("refuses a bad YAML config: one line per problem, a summary, no stack trace, no stacks", () => {
    const config = join(dir, "bad.yaml");
    writeFileSync(
      config,
      `accounts:
  main:
    id: "12345"
    registry:
      pullThroughCache:
        dockerHub: { credential: { source: create } }
environments:
  prod:${GOOD_ENV.replace("cidr: 10.0.0.0/16", "cidr: 10.0.0.0/8")}
    services:
      api:
        image: nginx:1.27.3
        desiredCout: 2
        desiredCount: 0
`,
    );
    const outdir = staleOutdir();
    const result = runApp({ PULLGUARD_CONFIG: config, CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(1);
    expectNoStackTrace(result);
    const lines = stderrLines(result);
    const problems = lines.slice(0, -1);
    expect(problems.sort()).toEqual(
      [
        "accounts.main.id: must be a 12-digit AWS account id (quote it in YAML so leading zeros survive) (line 3, column 9)",
        "environments.prod.regions.us-east-1.vpc.cidr: must have a prefix length between /16 and /28 (VPC limits), got /8 (line 14, column 17)",
        'environments.prod.services.api.desiredCout: unknown key (did you mean "desiredCount"?) (line 20, column 9)',
        "environments.prod.services.api.desiredCount: must be at least 1 (line 21, column 23)",
      ].sort(),
    );
    expect(lines[lines.length - 1]).toBe(`pullguard: 4 problems in ${config}; nothing synthesized`);

    expect(existsSync(join(outdir, "stacks"))).toBe(false);
    expect(existsSync(join(outdir, "pull-budget.json"))).toBe(false);
    expect(existsSync(join(outdir, "manifest.json"))).toBe(false);
  });

  it("refuses a config that parses but fails planning, with the finding's path", () => {
    const config = join(dir, "latest.yaml");
    writeFileSync(
      config,
      `accounts:
  main:
    id: "123456789012"
    registry:
      pullThroughCache:
        dockerHub: { credential: { source: create } }
environments:
  prod:${GOOD_ENV}
    services:
      api: { image: "nginx:latest", desiredCount: 2 }
`,
    );
    const outdir = staleOutdir();
    const result = runApp({ PULLGUARD_CONFIG: config, CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(1);
    expectNoStackTrace(result);
    const lines = stderrLines(result);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^environments\.prod\.services\.api\.image: "nginx:latest" uses :latest/);
    expect(lines[1]).toBe(`pullguard: 1 problem in ${config}; nothing synthesized (the pull-budget report shows why)`);
    expect(existsSync(join(outdir, "stacks"))).toBe(false);
    // The report is written anyway, with the refusal in it, for the pull request's comment.
    const report = JSON.parse(readFileSync(join(outdir, "pull-budget.json"), "utf8")) as { findings: Array<{ level: string; path: string }> };
    expect(report.findings.map((f) => [f.level, f.path])).toEqual([["error", "environments.prod.services.api.image"]]);
    expect(readFileSync(join(outdir, "pull-budget.md"), "utf8")).toContain("- **error** `PG-IMAGE-LATEST` (prod) `environments.prod.services.api.image`: \"nginx:latest\" uses :latest");
  });

  it("refuses a missing config file in one line", () => {
    const config = join(dir, "nope.yaml");
    const outdir = staleOutdir();
    const result = runApp({ PULLGUARD_CONFIG: config, CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(1);
    expectNoStackTrace(result);
    expect(stderrLines(result)).toEqual([`${config}: does not exist (named by PULLGUARD_CONFIG)`, `pullguard: 1 problem in ${config}; nothing synthesized`]);
    expect(existsSync(join(outdir, "stacks"))).toBe(false);
  });

  it("replaces a previous tree whose stacks entry is a file: the new tree is built apart", () => {
    const outdir = staleOutdir();
    rmSync(join(outdir, "stacks"), { recursive: true, force: true });
    writeFileSync(join(outdir, "stacks"), "not a directory\n");
    const result = runApp({ CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks"))).toContain("dev");
    expect(readdirSync(join(outdir)).sort()).toEqual(["manifest.json", "pull-budget.json", "pull-budget.md", "stacks"]);
  });

  it("synthesizes the embedded config", () => {
    const outdir = join(dir, "cdktf.out");
    const result = runApp({ CDKTF_OUTDIR: outdir });

    expect(result.stderr).not.toMatch(/problem|internal error/);
    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(
      ["dev", "prod-us-east-1", "prod-us-west-2", "registry-111111111111-us-east-1", "registry-111111111111-us-west-2", "staging"].sort(),
    );
    for (const stack of readdirSync(join(outdir, "stacks"))) expect(existsSync(join(outdir, "stacks", stack, "cdk.tf.json"))).toBe(true);
    expect(existsSync(join(outdir, "pull-budget.json"))).toBe(true);
    expect(existsSync(join(outdir, "pull-budget.md"))).toBe(true);
  });

  it("removes the previous run's stacks that the new config does not have", () => {
    const outdir = staleOutdir();
    mkdirSync(join(outdir, "stacks", "dev", ".terraform"), { recursive: true });
    writeFileSync(join(outdir, "stacks", "dev", ".terraform", "kept"), "provider cache\n");
    const result = runApp({ CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(
      ["dev", "prod-us-east-1", "prod-us-west-2", "registry-111111111111-us-east-1", "registry-111111111111-us-west-2", "staging"].sort(),
    );
    // Like the cdktf CLI, a stack that is still there keeps its terraform init state.
    expect(readFileSync(join(outdir, "stacks", "dev", ".terraform", "kept"), "utf8")).toBe("provider cache\n");
    expect(existsSync(join(dir, ".cdktf.out.lock"))).toBe(false);
  });

  it("refuses to write into an output directory another running synth holds, and leaves it alone", () => {
    const outdir = staleOutdir();
    const holder = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.ppid))"], { encoding: "utf8" });
    const livePid = Number(holder.stdout); // this test process: certainly running
    const lock = join(dir, ".cdktf.out.lock");
    writeFileSync(lock, `${livePid}\n`);
    const result = runApp({ CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(1);
    expect(stderrLines(result)).toEqual([
      `pullguard: ${outdir} is being written by another synth (process ${livePid}, ${lock}); run one synth at a time per output directory, or set CDKTF_OUTDIR`,
    ]);
    expect(readdirSync(join(outdir, "stacks"))).toEqual(["old"]);
    expect(readFileSync(lock, "utf8")).toBe(`${livePid}\n`);
  });

  it("takes over a lock left by a synth that no longer runs", () => {
    const outdir = staleOutdir();
    const finished = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    writeFileSync(join(dir, ".cdktf.out.lock"), `${finished.stdout}\n`);
    const result = runApp({ CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks"))).not.toContain("old");
    expect(existsSync(join(dir, ".cdktf.out.lock"))).toBe(false);
  });

  it("removes stale output on an internal error too, in one line without a stack trace", () => {
    const project = copyProject(join(dir, "project"));
    injectFailure(project, "something broke");
    const outdir = staleOutdir();
    const result = runNode(project, ["scripts/app.js"], { CDKTF_OUTDIR: outdir });

    expect(result.status).toBe(2);
    expect(result.stderr).toBe("pullguard: internal error: something broke\n");
    expect(existsSync(join(outdir, "stacks"))).toBe(false);
    expect(existsSync(join(outdir, "pull-budget.json"))).toBe(false);
  });
});
