import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrateCommand, migrateWith, unifiedDiff } from "../../cli/migrate";
import type { SchemaHistory } from "../../config/schema-version";

/** `pullguard migrate` on real files in a scratch directory; SYNTHETIC is a made-up version 2 (no real step exists yet). */
const SYNTHETIC: SchemaHistory = { current: 2, steps: [{ version: 2, moves: [{ from: "accounts.*.alias", to: "accounts.*.name" }] }] };
const OLD = "# team config\nschemaVersion: 1\naccounts:\n  main:\n    alias: one # kept\n";
const NEW = "# team config\nschemaVersion: 2\naccounts:\n  main:\n    name: one # kept\n";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-migrate-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(argv: string[], history?: SchemaHistory) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: dir };
  const code = history ? migrateWith(argv, io, history) : migrateCommand(argv, io);
  return { code, out: out.join(""), err: err.join("") };
}

test("--check exits 1 and writes nothing; --dry-run prints the diff and writes nothing", () => {
  writeFileSync(join(dir, "c.yaml"), OLD);
  const check = run(["c.yaml", "--check"], SYNTHETIC);
  expect(check).toEqual({ code: 1, out: "accounts.main.alias -> accounts.main.name (config schema version 2)\npullguard migrate: c.yaml: config schema version 1 -> 2, 1 key moved; migration needed\n", err: "" });
  const dry = run(["c.yaml", "--dry-run"], SYNTHETIC);
  expect(dry.code).toBe(0);
  expect(dry.out).toContain("--- c.yaml\n+++ c.yaml (migrated)\n@@ -1,6 +1,6 @@\n # team config\n-schemaVersion: 1\n+schemaVersion: 2\n accounts:\n   main:\n-    alias: one # kept\n+    name: one # kept\n \n");
  expect(readFileSync(join(dir, "c.yaml"), "utf8")).toBe(OLD);
});

test("migrates in place through a temporary file, then has nothing to do", () => {
  writeFileSync(join(dir, "c.yaml"), OLD, { mode: 0o640 });
  expect(run(["c.yaml"], SYNTHETIC)).toEqual({ code: 0, out: "accounts.main.alias -> accounts.main.name (config schema version 2)\npullguard migrate: c.yaml: config schema version 1 -> 2, 1 key moved; written\n", err: "" });
  expect(readFileSync(join(dir, "c.yaml"), "utf8")).toBe(NEW);
  expect(lstatSync(join(dir, "c.yaml")).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual(["c.yaml"]);
  expect(run(["c.yaml", "--check"], SYNTHETIC)).toEqual({ code: 0, out: "pullguard migrate: c.yaml is at config schema version 2, the current one; nothing to do\n", err: "" });
});

test("a symlinked config stays a symlink; its target is rewritten", () => {
  writeFileSync(join(dir, "real.yaml"), OLD);
  symlinkSync("real.yaml", join(dir, "link.yaml"));
  expect(run(["link.yaml"], SYNTHETIC).code).toBe(0);
  expect(lstatSync(join(dir, "link.yaml")).isSymbolicLink()).toBe(true);
  expect(readFileSync(join(dir, "real.yaml"), "utf8")).toBe(NEW);
});

test("with no file named, pullguard.config.yaml in the working directory is used; a BOM survives", () => {
  writeFileSync(join(dir, "pullguard.config.yaml"), `\ufeff${OLD}`);
  expect(run([], SYNTHETIC).code).toBe(0);
  expect(readFileSync(join(dir, "pullguard.config.yaml"), "utf8")).toBe(`\ufeff${NEW}`);
});

test("the real history: the shipped examples need nothing", () => {
  const example = join(__dirname, "..", "..", "config", "examples", "minimal.yaml");
  expect(run([example, "--check"])).toEqual({ code: 0, out: `pullguard migrate: ${example} is at config schema version 1, the current one; nothing to do\n`, err: "" });
});

test("usage errors and unreadable files exit 2 with one line each, writing nothing", () => {
  writeFileSync(join(dir, "c.yaml"), OLD);
  expect(run(["c.yaml", "--force"])).toEqual({ code: 2, out: "", err: "pullguard migrate: unknown option --force\nusage: pullguard migrate [<config.yaml|config.yml|config.json>] [--check] [--dry-run]\n" });
  expect(run(["a.yaml", "b.yaml"]).code).toBe(2);
  expect(run(["missing.yaml"])).toEqual({ code: 2, out: "", err: "missing.yaml: does not exist\n" });
  expect(run(["pullguard.config.ts"]).err).toBe("pullguard.config.ts: pullguard migrate rewrites YAML and JSON configs; in a TypeScript config rename the keys `npm run synth` names (docs/upgrading.md)\n");
  expect(run([]).err).toContain("pullguard migrate: no config file named and none of pullguard.config.yaml, pullguard.config.yml, pullguard.config.json in");
  writeFileSync(join(dir, "bad.yaml"), "schemaVersion: 7\n");
  expect(run(["bad.yaml"], SYNTHETIC)).toEqual({ code: 2, out: "", err: "schemaVersion: is 7; this pullguard knows config schema versions 1 to 2 (upgrade pullguard to read it)\npullguard migrate: bad.yaml was not changed\n" });
  expect(readFileSync(join(dir, "c.yaml"), "utf8")).toBe(OLD);
});

test("unifiedDiff: separate hunks for changes far apart, nothing for equal texts", () => {
  const a = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"].join("\n");
  const b = a.replace("b", "B").replace("k", "K");
  expect(unifiedDiff(a, b, "f")).toBe("--- f\n+++ f (migrated)\n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -8,5 +8,5 @@\n h\n i\n j\n-k\n+K\n l\n");
  expect(unifiedDiff(a, a, "f")).toBe("");
});
