import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

/**
 * `npm run synth` (scripts/synth.js, the app in-process) against `cdktf synth` (the CLI spawning
 * scripts/app.js): the same files, byte for byte, and the same messages, each printed once.
 * The CLI takes a few seconds per run.
 */
jest.setTimeout(120_000);

const ROOT = resolve(__dirname, "..");
const EMBEDDED_STACKS = ["dev", "prod-us-east-1", "prod-us-west-2", "registry-111111111111-us-east-1", "registry-111111111111-us-west-2", "staging"];
// The embedded example sets its us-west-2 secret per Region now; restrictToAccount warns on both prod stacks.
const DEPLOY_ORDER = "pullguard: deploy order: (1) registry-111111111111-us-east-1 registry-111111111111-us-west-2  (2) dev prod-us-east-1 prod-us-west-2 staging";
const SCOPE_WARNING = (stack: string, routeTables: string) =>
  `WARN [${stack}]: [PG-ENDPOINT-POLICY-SCOPE] environments.prod.endpoints.restrictToAccount: the S3 gateway policy covers everything routed through ${routeTables}, not only ECS tasks: buckets outside account 111111111111 except ECR's layer bucket are denied, including AWS-owned ones such as the Amazon Linux 2023 package repositories (dnf on EC2 hosts); turn it off if anything else on those route tables needs them (docs/estates.md)`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-direct-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", NO_COLOR: "1", ...extra };
  for (const name of Object.keys(env)) if (/^(PULLGUARD_|CDKTF_|SYNTH_HCL_OUTPUT)/.test(name) && !(name in extra)) delete env[name];
  return env;
}

function run(command: string, args: string[], extra: Record<string, string> = {}): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd: ROOT, env: cleanEnv(extra), encoding: "utf8", timeout: 100_000 });
  if (result.error) throw result.error;
  return result;
}

/**
 * The comparisons need the cdktf CLI, a devDependency of this build; the CDK Terrain build
 * (compat/cdktn) has no CLI, so there they are skipped, by name in jest's output.
 */
const CDKTF_CLI = join(ROOT, "node_modules", ".bin", "cdktf");
const withCli = existsSync(CDKTF_CLI) ? it : it.skip;

const npmSynth = (args: string[], env?: Record<string, string>) => run("npm", ["run", "--silent", "synth", "--", ...args], env);
const cliSynth = (args: string[], env?: Record<string, string>) => run(CDKTF_CLI, ["synth", ...args], env);

/** Every file under `root`, by relative path, with its bytes. */
function tree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

function expectSameTree(a: string, b: string): void {
  const left = tree(a);
  const right = tree(b);
  expect([...left.keys()]).toEqual([...right.keys()]);
  for (const [file, bytes] of left) {
    if (!bytes.equals(right.get(file)!)) throw new Error(`${file} differs between ${a} and ${b}`);
  }
}

/** All lines the user sees, ANSI escapes and spinner frames stripped. */
function visibleLines(result: SpawnSyncReturns<string>): string[] {
  return `${result.stdout}\n${result.stderr}`
    // eslint-disable-next-line no-control-regex -- terminal escapes are what is being removed
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

const count = (lines: string[], needle: string) => lines.filter((line) => line.includes(needle)).length;

/**
 * One `npm run synth` and one `cdktf synth` of the embedded example, shared by the tests that
 * compare them and by the CLI's stale-stacks test: each output directory starts holding a previous
 * config's stack (old-env), which both must drop, so the comparison also covers the CLI path of the
 * cleanup without a CLI run of its own (about 2 s each).
 */
const shared = { dir: "", direct: "", cli: "", fromNpm: undefined as SpawnSyncReturns<string> | undefined, fromCli: undefined as SpawnSyncReturns<string> | undefined };
beforeAll(() => {
  if (!existsSync(CDKTF_CLI)) return;
  shared.dir = mkdtempSync(join(tmpdir(), "pullguard-direct-shared-"));
  shared.direct = join(shared.dir, "direct");
  shared.cli = join(shared.dir, "only-cli", "cli");
  for (const out of [shared.direct, shared.cli]) {
    mkdirSync(join(out, "stacks", "old-env"), { recursive: true });
    writeFileSync(join(out, "stacks", "old-env", "cdk.tf.json"), "{}\n");
  }
  shared.fromNpm = npmSynth(["--output", shared.direct]);
  shared.fromCli = cliSynth(["--output", shared.cli]);
});
afterAll(() => {
  if (shared.dir !== "") rmSync(shared.dir, { recursive: true, force: true });
});

describe("npm run synth", () => {
  withCli("writes the same files as cdktf synth, byte for byte, and prints each annotation once", () => {
    const { direct, cli } = shared;
    const fromNpm = shared.fromNpm!;
    const fromCli = shared.fromCli!;

    expect(fromNpm.status).toBe(0);
    expect(fromCli.status).toBe(0);
    expect(readdirSync(join(direct, "stacks")).sort()).toEqual(EMBEDDED_STACKS);
    expect(tree(direct).size).toBe(3 + EMBEDDED_STACKS.length);
    expectSameTree(direct, cli);
    expect(fromNpm.stdout.split("\n")).toEqual([
      "pullguard: config config/platform.ts",
      DEPLOY_ORDER,
      SCOPE_WARNING("prod-us-east-1", "rtb-0c1b2c3d4e5f60711, rtb-0c1b2c3d4e5f60712, rtb-0c1b2c3d4e5f60713"),
      SCOPE_WARNING("prod-us-west-2", "rtb-0d1b2c3d4e5f60711, rtb-0d1b2c3d4e5f60712"),
      `Generated Terraform code for the stacks: ${EMBEDDED_STACKS.join(", ")}`,
      `Pull-budget report: ${join(direct, "pull-budget.md")}`,
      "",
    ]);
    expect(fromNpm.stderr).toBe("");
    expect(count(visibleLines(fromCli), "[prod-us-west-2]: [PG-ENDPOINT-POLICY-SCOPE]")).toBe(1);
  });

  withCli("writes the same HCL as cdktf synth --hcl, byte for byte", () => {
    const direct = join(dir, "direct");
    const cli = join(dir, "cli");
    expect(npmSynth(["--hcl", "--output", direct]).status).toBe(0);
    expect(cliSynth(["--hcl", "--output", cli]).status).toBe(0);
    expect(existsSync(join(direct, "stacks", "dev", "cdk.tf"))).toBe(true);
    expect(existsSync(join(direct, "stacks", "dev", "cdk.tf.json"))).toBe(false);
    expectSameTree(direct, cli);
  });

  it("drops the stacks of a previous config from the output directory, as cdktf synth does", () => {
    const direct = join(dir, "direct");
    mkdirSync(join(direct, "stacks", "old-env"), { recursive: true });
    writeFileSync(join(direct, "stacks", "old-env", "cdk.tf.json"), "{}\n");
    expect(npmSynth(["--output", direct]).status).toBe(0);
    expect(readdirSync(join(direct, "stacks")).sort()).toEqual(EMBEDDED_STACKS);
  });

  it("refuses a bad config with each problem once on stderr, exit 1, nothing written", () => {
    const config = join(dir, "bad.yaml");
    writeFileSync(config, 'accounts:\n  main:\n    id: "12345"\nenvironments: {}\n');
    const direct = join(dir, "direct");
    const result = npmSynth(["--output", direct], { PULLGUARD_CONFIG: config });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([
      "accounts.main.id: must be a 12-digit AWS account id (quote it in YAML so leading zeros survive) (line 3, column 9)",
      "environments: must declare at least one environment (line 4, column 1)",
      `pullguard: 2 problems in ${config}; nothing synthesized`,
      "",
    ]);
    expect(existsSync(join(direct, "manifest.json"))).toBe(false);
  });

  it("rejects an unknown argument with the usage line", () => {
    const result = npmSynth(["--stack", "dev"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('unknown argument "--stack"; usage: npm run synth [-- --hcl] [-- --output <dir>] [-- --no-color]\n');
  });
});

describe("cdktf synth (the CLI running scripts/app.js)", () => {
  withCli("drops the stacks of a previous config (cdktf 0.21 alone failed with ENOENT on a directory the app removed)", () => {
    // The shared CLI run above, into a directory that held old-env.
    const cli = shared.cli;
    const result = shared.fromCli!;
    expect(result.status).toBe(0);
    expect(readdirSync(join(cli, "stacks")).sort()).toEqual(EMBEDDED_STACKS);
    expect(readdirSync(join(cli, "..")).sort()).toEqual(["cli"]);
  });

  withCli("shows each problem of a bad config once and fails without writing a manifest", () => {
    const config = join(dir, "bad.yaml");
    writeFileSync(config, 'accounts:\n  main:\n    id: "12345"\nenvironments: {}\n');
    const cli = join(dir, "cli");
    const result = cliSynth(["--output", cli], { PULLGUARD_CONFIG: config });
    const lines = visibleLines(result);

    expect(result.status).toBe(1);
    expect(count(lines, "accounts.main.id: must be a 12-digit AWS account id")).toBe(1);
    expect(count(lines, "environments: must declare at least one environment")).toBe(1);
    expect(count(lines, "pullguard: 2 problems in")).toBe(1);
    expect(existsSync(join(cli, "manifest.json"))).toBe(false);
    expect(existsSync(join(cli, "stacks"))).toBe(false);
  });
});
