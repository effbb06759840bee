/**
 * Where a relative PULLGUARD_CONFIG points: the directory the user typed the command in. `npm run`
 * starts scripts in the package root and keeps that directory in INIT_CWD; without npm it is the
 * working directory. Messages name the absolute path read, in the terminal only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configLabel, loadConfig, resolveConfigPath } from "../../config/load";
import { configFor } from "../../scripts/diff";
import { BASE_YAML, lines, NO_EMBEDDED } from "../helpers/config-files";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-resolve-"));
  mkdirSync(join(dir, "team"));
  writeFileSync(join(dir, "team", "platform.yaml"), BASE_YAML);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a relative PULLGUARD_CONFIG", () => {
  it("is relative to INIT_CWD, the directory npm was run from", () => {
    expect(resolveConfigPath("platform.yaml", { INIT_CWD: "/home/me/infra" })).toBe("/home/me/infra/platform.yaml");
    expect(resolveConfigPath("../shared/platform.yaml", { INIT_CWD: "/home/me/infra" })).toBe("/home/me/shared/platform.yaml");
    const result = loadConfig({ PULLGUARD_CONFIG: "platform.yaml", INIT_CWD: join(dir, "team") }, NO_EMBEDDED);
    expect([result.ok, result.source, result.resolvedPath]).toEqual([true, "platform.yaml", join(dir, "team", "platform.yaml")]);
  });

  it("is relative to the working directory without npm (or with a relative INIT_CWD, which npm never sets)", () => {
    expect(resolveConfigPath("platform.yaml", {})).toBe(join(process.cwd(), "platform.yaml"));
    expect(resolveConfigPath("platform.yaml", { INIT_CWD: "somewhere" })).toBe(join(process.cwd(), "platform.yaml"));
  });

  it("leaves an absolute path as it is", () => {
    expect(resolveConfigPath("/etc/pullguard/platform.yaml", { INIT_CWD: "/home/me" })).toBe("/etc/pullguard/platform.yaml");
  });

  it("names the path it looked for when the file is not there", () => {
    expect(lines(loadConfig({ PULLGUARD_CONFIG: "platform.yaml", INIT_CWD: dir }, NO_EMBEDDED))).toEqual([
      `platform.yaml: does not exist (named by PULLGUARD_CONFIG, resolved to ${join(dir, "platform.yaml")})`,
    ]);
  });

  it("labels the config by its name and, when they differ, the absolute path read", () => {
    const relative = loadConfig({ PULLGUARD_CONFIG: "team/platform.yaml", INIT_CWD: dir }, NO_EMBEDDED);
    expect(configLabel(relative)).toBe(`team/platform.yaml (${join(dir, "team", "platform.yaml")})`);
    const absolute = loadConfig({ PULLGUARD_CONFIG: join(dir, "team", "platform.yaml") }, NO_EMBEDDED);
    expect(configLabel(absolute)).toBe(join(dir, "team", "platform.yaml"));
    expect(configLabel(loadConfig({}, () => ({ accounts: {}, environments: {} })))).toBe("config/platform.ts");
  });
});

describe("npm run diff with PULLGUARD_CONFIG", () => {
  it("says so when the config is outside the repository, where both sides read the same file", () => {
    const notes: string[] = [];
    const config = configFor({ PULLGUARD_CONFIG: "../ops/platform.yaml", INIT_CWD: "/src/app" }, "/src/app", "/tmp/base", notes);
    expect(config).toBe("/src/ops/platform.yaml");
    expect(notes).toEqual(["PULLGUARD_CONFIG=../ops/platform.yaml is outside the repository: both sides were synthesized from that one file, so only code changes show"]);
  });

  it("reads a config inside the repository from each side's own checkout, without a note", () => {
    const notes: string[] = [];
    mkdirSync(join(dir, "base", "team"), { recursive: true });
    writeFileSync(join(dir, "base", "team", "platform.yaml"), BASE_YAML);
    expect(configFor({ PULLGUARD_CONFIG: "platform.yaml", INIT_CWD: join(dir, "team") }, dir, join(dir, "base"), notes)).toBe(join(dir, "base", "team", "platform.yaml"));
    expect(notes).toEqual([]);
  });
});
