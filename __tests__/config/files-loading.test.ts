/**
 * PULLGUARD_CONFIG through loadConfig: the file it names, missing, a directory, unreadable,
 * malformed, empty or of the wrong kind, each reported on one line naming the file.
 */
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadConfig, parseConfigText } from "../../config/load";
import { platform } from "../../config/platform";
import { ACCOUNT } from "../helpers/config-cases";
import { BASE_YAML, baseObject, configFileDirectory, lines, NO_EMBEDDED } from "../helpers/config-files";

const { dir, file } = configFileDirectory();

describe("PULLGUARD_CONFIG", () => {
  it("uses the embedded config when unset", () => {
    const result = loadConfig({}, () => platform);
    expect(result.ok).toBe(true);
    expect(result.source).toBe("config/platform.ts");
  });

  it("loads a YAML file and names it as the source", () => {
    const path = file("good.yaml", BASE_YAML);
    const result = loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED);
    expect(result.ok).toBe(true);
    expect(result.source).toBe(path);
  });

  it("reports a missing file", () => {
    const path = join(dir(), "missing.yaml");
    expect(lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED))).toEqual([`${path}: does not exist (named by PULLGUARD_CONFIG)`]);
  });

  it("reports a directory", () => {
    const path = join(dir(), "config.d.yaml");
    mkdirSync(path);
    expect(lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED))).toEqual([`${path}: is a directory (named by PULLGUARD_CONFIG)`]);
  });

  const root = process.getuid?.() === 0;
  (root ? it.skip : it)(
    `reports an unreadable file${root ? " (skipped: running as root, which reads a chmod 000 file anyway)" : ""}`,
    () => {
      const path = file("unreadable.yaml", BASE_YAML);
      chmodSync(path, 0o000);
      try {
        expect(lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED))).toEqual([`${path}: is not readable (permission denied) (named by PULLGUARD_CONFIG)`]);
      } finally {
        chmodSync(path, 0o600);
      }
    },
  );

  it("never throws on an unreadable file, whoever runs the tests", () => {
    const path = file("unreadable-2.yaml", BASE_YAML);
    chmodSync(path, 0o000);
    try {
      const result = loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED);
      if (root) expect(result.ok).toBe(true); // root reads it regardless
      else expect(lines(result)[0]).toContain("is not readable");
    } finally {
      chmodSync(path, 0o600);
    }
  });

  it("reports malformed JSON on one line with line and column", () => {
    const path = file("broken.json", '{\n  "accounts": {\n    "main": { "id": "123456789012", }\n  }\n}\n');
    const result = lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED));
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: is not valid JSON: .*at line 3, column 37`));
  });

  it("keeps a JSON error that quotes the input on one line", () => {
    const result = lines(parseConfigText("[1,\n2,]\n", "platform.json"));
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(/^platform\.json: is not valid JSON: /);
  });

  it("reports truncated JSON", () => {
    expect(lines(parseConfigText('{"accounts": ', "platform.json"))).toEqual(["platform.json: is not valid JSON: Unexpected end of JSON input"]);
  });

  it("reports malformed YAML with a position", () => {
    const path = file("broken.yaml", "accounts:\n  main: [\n    id: 1\n");
    const result = lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED));
    expect(result.length).toBeGreaterThanOrEqual(1);
    for (const line of result) expect(line).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: is not valid YAML at line \\d+, column \\d+: `));
  });

  it("reports YAML indented with tabs", () => {
    expect(lines(parseConfigText("accounts:\n\tmain: {}\n", "platform.yml"))[0]).toMatch(/^platform\.yml: is not valid YAML.*Tabs/);
  });

  it("rejects a file with a .txt extension, even when its content is valid", () => {
    const path = file("platform.txt", JSON.stringify(baseObject()));
    expect(lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED))).toEqual([`${path}: PULLGUARD_CONFIG must name a .json, .yaml or .yml file`]);
  });

  it("accepts an upper-case extension", () => {
    const path = file("PLATFORM.YAML", BASE_YAML);
    expect(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED).ok).toBe(true);
  });

  it.each(["", "   "])("reports PULLGUARD_CONFIG set to %j", (value) => {
    expect(lines(loadConfig({ PULLGUARD_CONFIG: value }, NO_EMBEDDED))).toEqual(["PULLGUARD_CONFIG: is set but empty; unset it to use config/platform.ts"]);
  });

  it("rejects a YAML file whose top level is a list", () => {
    const path = file("list.yaml", "- accounts: {}\n- environments: {}\n");
    expect(lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED))).toEqual([`${path}: must contain a config object at the top level`]);
  });

  it("rejects an empty YAML file", () => {
    const path = file("empty.yaml", "");
    expect(lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED))).toEqual([`${path}: must contain a config object at the top level`]);
  });

  it("reports every problem of a file with three independent mistakes", () => {
    const text = BASE_YAML.replace(`id: "${ACCOUNT}"`, 'id: "12345"')
      .replace("cidr: 10.0.0.0/16", "cidr: 10.0.0.1/16")
      .replace("desiredCount: 2", "desiredCout: 2");
    const path = file("three.yaml", text);
    const result = lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED));
    expect(result.length).toBeGreaterThanOrEqual(3);
    expect(result).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^accounts\.main\.id: must be a 12-digit AWS account id .*\(line 4, column 9\)$/),
        "environments.prod.regions.us-east-1.vpc.cidr: has host bits set; the network address is 10.0.0.0/16 (line 17, column 17)",
        'environments.prod.services.api.desiredCout: unknown key (did you mean "desiredCount"?) (line 25, column 9)',
      ]),
    );
  });

});
