import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discoverConfig, useConfig } from "../../cli/config-discovery";
import { cliMain } from "../../cli/main";
import { outputPath } from "../../app/output-stamp";

/** The CLI's dispatch, config discovery and the config name stamped into output. Synth end to end: __tests__/package. */
const root = join(__dirname, "..", "..");
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
const work = mkdtempSync(join(tmpdir(), "pullguard-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(argv: string[], cwd = work) {
  let stdout = "";
  let stderr = "";
  const code = await cliMain(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

describe("dispatch", () => {
  test("--version prints the package's version", async () => {
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test("no command and --help print the command list with examples", async () => {
    const help = await cli([]);
    expect(help.code).toBe(0);
    for (const command of ["init", "synth", "diff", "diagnose", "schema", "migrate"]) expect(help.stdout).toContain(`\n  ${command} `);
    expect(help.stdout).toContain("\nexamples:\n");
    expect((await cli(["--help"])).stdout).toBe(help.stdout);
  });

  test.each(["init", "synth", "diff", "diagnose", "schema"])("%s --help prints its usage and examples, exit 0", async (command) => {
    const r = await cli([command, "--help"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout.startsWith(`usage: pullguard ${command}`)).toBe(true);
    expect(r.stdout).toContain("\nexamples:\n");
  });

  test("an unknown command is one line and exit 2", async () => {
    expect(await cli(["synthesize"])).toEqual({ code: 2, stdout: "", stderr: 'pullguard: unknown command "synthesize"; see pullguard --help\n' });
  });

  test("migrate is dispatched to cli/migrate.ts (whichever build of it), not refused as unknown", async () => {
    const r = await cli(["migrate", "--help"]);
    expect(r.stderr).not.toContain("unknown command");
    expect(`${r.stdout}${r.stderr}`).toContain("pullguard migrate");
  });

  test("schema prints the committed JSON Schema; --path names it; anything else is a usage error", async () => {
    expect((await cli(["schema"])).stdout).toBe(readFileSync(join(root, "config", "pullguard.schema.json"), "utf8"));
    expect((await cli(["schema", "--path"])).stdout).toBe(`${join(root, "config", "pullguard.schema.json")}\n`);
    expect(await cli(["schema", "--json"])).toEqual({ code: 2, stdout: "", stderr: 'pullguard schema: unknown argument "--json"; see pullguard schema --help\n' });
  });

  test("without a config file or PULLGUARD_CONFIG, discovery says how to get one", async () => {
    const empty = join(work, "empty");
    mkdirSync(empty);
    const env = { ...process.env };
    delete env.PULLGUARD_CONFIG;
    const line = `no pullguard.config.yaml, pullguard.config.yml, pullguard.config.json in ${empty}: run \`pullguard init\` to start one, or set PULLGUARD_CONFIG`;
    expect(discoverConfig(env, empty)).toEqual({ ok: false, problem: line });
  });
});

describe("config discovery", () => {
  const dir = (name: string, files: string[]) => {
    const d = join(work, name);
    mkdirSync(d);
    for (const f of files) writeFileSync(join(d, f), "{}");
    return d;
  };

  test("the one pullguard.config.* in the directory, named relative to it", () => {
    const d = dir("one", ["pullguard.config.yml"]);
    expect(discoverConfig({}, d)).toEqual({ ok: true, file: "pullguard.config.yml", base: d, via: "discovered" });
    const env: NodeJS.ProcessEnv = { INIT_CWD: "/somewhere/else" };
    useConfig(env, { ok: true, file: "pullguard.config.yml", base: d, via: "discovered" });
    expect(env).toEqual({ PULLGUARD_CONFIG: "pullguard.config.yml", INIT_CWD: d });
  });

  test("PULLGUARD_CONFIG wins over a file in the directory and is left as set", () => {
    const d = dir("env-wins", ["pullguard.config.yaml"]);
    const env: NodeJS.ProcessEnv = { PULLGUARD_CONFIG: "other.json", INIT_CWD: "/typed/here" };
    const found = discoverConfig(env, d);
    expect(found).toEqual({ ok: true, file: "other.json", base: "/typed/here", via: "env" });
    useConfig(env, found as Extract<typeof found, { ok: true }>);
    expect(env).toEqual({ PULLGUARD_CONFIG: "other.json", INIT_CWD: "/typed/here" });
  });

  test("two candidates are refused, not one picked", () => {
    const d = dir("two", ["pullguard.config.yaml", "pullguard.config.json"]);
    expect(discoverConfig({}, d)).toEqual({ ok: false, problem: `pullguard.config.yaml and pullguard.config.json are both in ${d}: keep one, or name it with PULLGUARD_CONFIG` });
  });

  test("a lone pullguard.config.ts is named with where it belongs", () => {
    const d = dir("ts", ["pullguard.config.ts"]);
    const found = discoverConfig({}, d);
    expect(found.ok).toBe(false);
    expect((found as { problem: string }).problem.startsWith("pullguard.config.ts is for the construct path")).toBe(true);
  });
});

describe("the config's name in output", () => {
  test.each([
    ["config/examples/minimal.yaml", "/home/a/repo", "config/examples/minimal.yaml"],
    ["./platform.yaml", "/home/a/repo", "./platform.yaml"],
    ["../shared/platform.yaml", "/home/a/repo", "../shared/platform.yaml"],
    ["/home/a/repo/config/platform.yaml", "/home/a/repo", "config/platform.yaml"],
    ["/etc/pullguard/platform.yaml", "/home/a/repo", "platform.yaml"],
    ["/home/a/repo-other/platform.yaml", "/home/a/repo", "platform.yaml"],
  ])("%s typed in %s is written as %s", (file, base, shown) => {
    expect(outputPath(file, base)).toBe(shown);
  });
});
