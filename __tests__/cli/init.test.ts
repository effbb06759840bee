import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { initCommand } from "../../cli/init";
import { parseConfigText } from "../../config/load";

/** `pullguard init` in-process, in scratch directories: what it writes, and what it refuses. */
const work = mkdtempSync(join(tmpdir(), "pullguard-init-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
function runInit(argv: string[], prepare: (dir: string) => void = () => undefined) {
  const dir = join(work, `case-${++counter}`);
  mkdirSync(dir);
  prepare(dir);
  let stdout = "";
  let stderr = "";
  const code = initCommand(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: dir });
  return { code, stdout, stderr, dir, files: readdirSync(dir).sort() };
}

test("flags become the config: accounts in the order given, the first one's environment in the Region given", () => {
  const r = runInit(["--project", "acme", "--account", "shared=111111111111", "--account=prod=222222222222", "--region", "eu-west-1"]);
  expect([r.code, r.stderr]).toEqual([0, ""]);
  expect(r.files).toEqual([".github", ".gitignore", "README.md", "cdktf.json", "main.ts", "package.json", "pullguard.config.yaml", "tsconfig.json"]);
  const text = readFileSync(join(r.dir, "pullguard.config.yaml"), "utf8");
  const config = parse(text) as { project: string; accounts: Record<string, { id: string }>; environments: { dev: { account: string; regions: Record<string, unknown> } } };
  expect(config.project).toBe("acme");
  expect(Object.entries(config.accounts).map(([alias, a]) => [alias, a.id])).toEqual([
    ["shared", "111111111111"],
    ["prod", "222222222222"],
  ]);
  expect(config.environments.dev.account).toBe("shared");
  expect(Object.keys(config.environments.dev.regions)).toEqual(["eu-west-1"]);
  expect(parseConfigText(text, "pullguard.config.yaml").ok).toBe(true);
});

test("no flags: a valid estate named after a valid directory name, else 'platform'", () => {
  const r = runInit([]);
  expect(r.code).toBe(0);
  const text = readFileSync(join(r.dir, "pullguard.config.yaml"), "utf8");
  // "case-2" is a valid project name (lowercase letters, digits and single hyphens).
  expect(text).toContain("\nproject: case-2\n");
  expect(text).toContain('\n  main:\n    id: "123456789012"\n');
  expect(parseConfigText(text, "pullguard.config.yaml").ok).toBe(true);
});

test("main.ts uses the construct on the config file; package.json runs the CLI", () => {
  const r = runInit(["--project", "acme"]);
  expect(readFileSync(join(r.dir, "main.ts"), "utf8")).toContain('new PullguardPlatform(app, "pullguard", { configFile: "pullguard.config.yaml" });\n');
  const pkg = JSON.parse(readFileSync(join(r.dir, "package.json"), "utf8")) as { name: string; private: boolean; scripts: Record<string, string> };
  expect([pkg.name, pkg.private]).toEqual(["acme-platform", true]);
  expect(pkg.scripts).toEqual({ synth: "pullguard synth", test: "pullguard synth --check && tsc --noEmit -p .", diff: "pullguard diff", diagnose: "pullguard diagnose", deploy: "CHECKPOINT_DISABLE=1 cdktf deploy" });
});

test("a directory that is not empty is refused, and nothing is written", () => {
  const r = runInit(["--project", "acme"], (dir) => writeFileSync(join(dir, "notes.txt"), "mine"));
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`pullguard init: ${r.dir} is not empty (notes.txt); run it in an empty directory, or pass --force (existing files are never overwritten)\n`);
  expect(r.files).toEqual(["notes.txt"]);
});

test("--force writes the missing files and never overwrites one that exists", () => {
  const r = runInit(["--project", "acme", "--force"], (dir) => writeFileSync(join(dir, "README.md"), "my own readme\n"));
  expect(r.code).toBe(0);
  expect(readFileSync(join(r.dir, "README.md"), "utf8")).toBe("my own readme\n");
  expect(r.stdout).toContain("kept README.md (it exists; not overwritten)\n");
  expect(r.files).toContain("pullguard.config.yaml");
});

test.each([
  [["--account", "shared"], 2, "pullguard init: --account \"shared\": write it as <alias>=<12-digit account id>; see pullguard init --help\n"],
  [["--account", "a=111111111111", "--account", "a=222222222222"], 2, "pullguard init: --account a is given twice; see pullguard init --help\n"],
  [["--region"], 2, "pullguard init: --region needs a value; see pullguard init --help\n"],
  [["--project="], 2, "pullguard init: --project needs a value; see pullguard init --help\n"],
  [["--interactive"], 2, 'pullguard init: unknown argument "--interactive"; see pullguard init --help\n'],
])("usage error %j: exit %i, one line, nothing written", (argv, code, line) => {
  const r = runInit(argv);
  expect([r.code, r.stderr, r.files]).toEqual([code, line, []]);
});

test.each([
  [["--account", "main=1234"], "pullguard init: accounts.main.id: must be a 12-digit AWS account id (quote it in YAML so leading zeros survive) (line 7, column 9)\n"],
  [["--project", "Acme_Corp"], "pullguard init: project: must be a project name of lowercase letters, digits and single hyphens, starting with a letter (line 4, column 10)\n"],
])("a value the config refuses %j is named with the config's own message, and nothing is written", (argv, line) => {
  const r = runInit(argv);
  expect(r.code).toBe(1);
  expect(r.stderr.split("\n")[0]! + "\n").toBe(line);
  expect(r.stderr).toContain("pullguard init: nothing written; fix --project, --account or --region\n");
  expect(r.files).toEqual([]);
});

test("hostile values cannot inject YAML: an alias holding a newline and a mapping stays one (refused) name", () => {
  const r = runInit(["--account", "evil\nbackend: {type: s3}=111111111111"]);
  expect(r.code).toBe(1);
  expect(r.stderr.split("\n")[0]).toBe('pullguard init: accounts.evil\\nbackend: {type: s3}: must be an account alias of lowercase letters, digits and single hyphens, starting with a letter (line 6, column 3)');
  expect(r.files).toEqual([]);
});

test("a Region that is not one is refused with the config's message", () => {
  const r = runInit(["--region", "mars-1"]);
  expect(r.code).toBe(1);
  expect(r.files).toEqual([]);
});
