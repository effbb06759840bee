import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, MAX_CONFIG_BYTES, parseConfigText, type ConfigResult } from "../../config/load";
import { problemLine } from "../../config/problems";

/**
 * What PULLGUARD_CONFIG may name and contain: never a hang (a FIFO), an endless read (a device, a
 * huge file), or a crash (an alias flood, deep nesting). Each is one config error line.
 */
const NO_EMBEDDED = () => {
  throw new Error("the embedded config must not be loaded");
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-input-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function lines(result: ConfigResult): string[] {
  if (result.ok) throw new Error("expected a config error");
  return result.problems.map(problemLine);
}

test("a FIFO is refused without reading it (reading would wait for a writer forever)", () => {
  const fifo = join(dir, "platform.yaml");
  execFileSync("mkfifo", [fifo]);
  expect(lines(loadConfig({ PULLGUARD_CONFIG: fifo }, NO_EMBEDDED))).toEqual([`${fifo}: is not a regular file (a FIFO, device or socket) (named by PULLGUARD_CONFIG)`]);
});

test("a device is refused (/dev/zero never ends)", () => {
  expect(lines(loadConfig({ PULLGUARD_CONFIG: "/dev/zero" }, NO_EMBEDDED))).toEqual(["/dev/zero: is not a regular file (a FIFO, device or socket) (named by PULLGUARD_CONFIG)"]);
});

test("a symlink to a device is refused too", () => {
  const link = join(dir, "zero.yaml");
  symlinkSync("/dev/zero", link);
  expect(lines(loadConfig({ PULLGUARD_CONFIG: link }, NO_EMBEDDED))).toEqual([`${link}: is not a regular file (a FIFO, device or socket) (named by PULLGUARD_CONFIG)`]);
});

test("a file over the size cap is refused before it is read", () => {
  expect(MAX_CONFIG_BYTES).toBe(4 * 1024 * 1024);
  const big = join(dir, "big.yaml");
  writeFileSync(big, `# ${"x".repeat(MAX_CONFIG_BYTES)}\n`);
  expect(lines(loadConfig({ PULLGUARD_CONFIG: big }, NO_EMBEDDED))).toEqual([`${big}: is 4194307 bytes; a config file may be at most 4194304 bytes (named by PULLGUARD_CONFIG)`]);
});

test("a YAML alias flood (billion laughs) is a config error, not a crash or a hang", () => {
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
  const text = `${levels.join("\n")}\n`;
  expect(lines(parseConfigText(text, "laughs.yaml"))).toEqual([
    "laughs.yaml: is not valid YAML: its aliases and merge keys expand to more than 2000000 values (an alias flood); write the values out",
  ]);
});

test("deeply nested input is a config error, not a stack overflow", () => {
  const depth = 100_000;
  const text = `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const result = lines(parseConfigText(text, "deep.json"));
  expect(result).toHaveLength(1);
  expect(result[0]).toMatch(/^deep\.json: /);
  expect(result[0]).not.toMatch(/internal error|Maximum call stack/);
});

describe("the file's encoding", () => {
  const yaml = 'accounts:\n  main:\n    id: "12345"\nenvironments: {}\n';

  test("a UTF-8 byte order mark is read past", () => {
    const file = join(dir, "bom.yaml");
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(yaml)]));
    expect(lines(loadConfig({ PULLGUARD_CONFIG: file }, NO_EMBEDDED))).toEqual([
      "accounts.main.id: must be a 12-digit AWS account id (quote it in YAML so leading zeros survive) (line 3, column 9)",
      "environments: must declare at least one environment (line 4, column 1)",
    ]);
  });

  test("UTF-16 (PowerShell 5's > and Notepad's Unicode) is named, not parsed", () => {
    const file = join(dir, "utf16.yaml");
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, "utf16le")]));
    expect(lines(loadConfig({ PULLGUARD_CONFIG: file }, NO_EMBEDDED))).toEqual([
      `${file}: is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8 (named by PULLGUARD_CONFIG)`,
    ]);
  });

  test("a Latin-1 byte is named with its line and column", () => {
    const file = join(dir, "latin1.yaml");
    writeFileSync(file, Buffer.from("tags:\n  owner: caf\xe9\n", "latin1"));
    expect(lines(loadConfig({ PULLGUARD_CONFIG: file }, NO_EMBEDDED))).toEqual([
      `${file}: is not UTF-8 text (a byte at line 2, column 13 is not UTF-8; another encoding such as Latin-1?); save it as UTF-8 (named by PULLGUARD_CONFIG)`,
    ]);
  });
});
