import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, parseConfig, parseConfigText, type ConfigResult } from "../config/load";
import { platform } from "../config/platform";
import { oneLine, problemLine, type ConfigProblem } from "../config/problems";
import type { PlatformConfigInput } from "../config/schema";

/**
 * Config files: JSON and YAML through parseConfigText, and PULLGUARD_CONFIG through loadConfig.
 * JSON.parse keeps the last of two equal keys without a word, so duplicates are the loader's job.
 */

const ACCOUNT = "123456789012";

const baseObject = () => ({
  accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } }, quay: true } } } },
  environments: {
    prod: {
      account: "main",
      regions: {
        "us-east-1": {
          vpc: {
            id: "vpc-0123456789abcdef0",
            cidr: "10.0.0.0/16",
            privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
            privateRouteTableIds: ["rtb-0123456789abcdef0"],
          },
        },
      },
      services: {
        api: { image: "nginx:1.27.3", desiredCount: 2, port: 80 },
        metrics: { image: "quay.io/prometheus/node-exporter:v1.8.2", desiredCount: 1 },
      },
    },
  },
  tags: { owner: "platform-team" },
});

/** The same config as baseObject, written by hand the way people write YAML (account id quoted). */
const BASE_YAML = `# pullguard config
accounts:
  main:
    id: "${ACCOUNT}"
    registry:
      pullThroughCache:
        dockerHub:
          credential: { source: create }
        quay: true
environments:
  prod:
    account: main
    regions:
      us-east-1:
        vpc:
          id: vpc-0123456789abcdef0
          cidr: 10.0.0.0/16
          privateSubnetIds:
            - subnet-0123456789abcdef0
            - subnet-0123456789abcdef1
          privateRouteTableIds: [rtb-0123456789abcdef0]
    services:
      api:
        image: nginx:1.27.3
        desiredCount: 2
        port: 80
      metrics:
        image: quay.io/prometheus/node-exporter:v1.8.2
        desiredCount: 1
tags:
  owner: platform-team
`;

const ENV_JSON = JSON.stringify(baseObject().environments.prod);
const SERVICE_JSON = JSON.stringify(baseObject().environments.prod.services.api);

const NO_EMBEDDED = (): PlatformConfigInput => {
  throw new Error("the embedded config must not be loaded when PULLGUARD_CONFIG is set");
};

function failed(result: ConfigResult): ConfigProblem[] {
  if (result.ok) throw new Error("expected the config to be rejected, but it parsed");
  for (const problem of result.problems) {
    expect(problemLine(problem)).not.toMatch(/[\r\n]/);
    expect(problemLine(problem)).toBe(`${oneLine(problem.path)}: ${oneLine(problem.message)}`);
  }
  return [...result.problems];
}

function lines(result: ConfigResult): string[] {
  return failed(result).map(problemLine);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pullguard-config-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("JSON and YAML files", () => {
  it("gives the same config from a .json file, a .yaml file and the object", () => {
    const fromObject = parseConfig(baseObject());
    const fromJson = parseConfigText(JSON.stringify(baseObject(), null, 2), "platform.json");
    const fromYaml = parseConfigText(BASE_YAML, "platform.yaml");
    const fromYml = parseConfigText(BASE_YAML, "platform.yml");
    if (!fromObject.ok) throw new Error(lines(fromObject).join("\n"));
    expect(fromJson).toEqual({ ok: true, config: fromObject.config, source: "platform.json" });
    expect(fromYaml).toEqual({ ok: true, config: fromObject.config, source: "platform.yaml" });
    expect(fromYml).toEqual({ ok: true, config: fromObject.config, source: "platform.yml" });
  });

  it("loads the embedded example written out as JSON", () => {
    const fromFile = loadConfig({ PULLGUARD_CONFIG: file("embedded.json", JSON.stringify(platform)) }, NO_EMBEDDED);
    const embedded = loadConfig({}, () => platform);
    expect(embedded.ok && embedded.source).toBe("config/platform.ts");
    if (!fromFile.ok || !embedded.ok) throw new Error("expected both to parse");
    expect(fromFile.config).toEqual(embedded.config);
  });

  it("reports schema problems in a YAML file with config paths", () => {
    const text = BASE_YAML.replace("desiredCount: 2", "desiredCount: 0");
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["environments.prod.services.api.desiredCount: must be at least 1"]);
  });

  it("reports an unquoted account id in YAML as a number", () => {
    const text = BASE_YAML.replace(`id: "${ACCOUNT}"`, `id: ${ACCOUNT}`);
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["accounts.main.id: must be a quoted string of 12 digits: YAML reads an unquoted account id as a number"]);
  });

  it("rejects a file whose extension is neither .json nor .yaml/.yml", () => {
    expect(lines(parseConfigText(BASE_YAML, "platform.txt"))).toEqual(["platform.txt: PULLGUARD_CONFIG must name a .json, .yaml or .yml file"]);
  });
});

describe("duplicate keys", () => {
  const duplicateServiceYaml = BASE_YAML.replace(
    "      metrics:\n",
    "      api:\n        image: nginx:1.27.4\n        desiredCount: 3\n      metrics:\n",
  );

  it("reports a duplicate environment name in YAML", () => {
    const text = BASE_YAML.replace(
      "tags:\n",
      "  prod:\n    account: main\n    regions:\n      us-west-2:\n        vpc: { id: vpc-0123456789abcdef1, cidr: 10.1.0.0/16, privateSubnetIds: [subnet-0123456789abcdef2], privateRouteTableIds: [rtb-0123456789abcdef1] }\ntags:\n",
    );
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["environments.prod: is declared more than once (duplicate environment name)"]);
  });

  it("reports a duplicate service name in YAML", () => {
    expect(lines(parseConfigText(duplicateServiceYaml, "platform.yaml"))).toEqual([
      "environments.prod.services.api: is declared more than once (duplicate service name)",
    ]);
  });

  it("reports a duplicate environment name in JSON, which JSON.parse would drop silently", () => {
    const text = `{"accounts": ${JSON.stringify(baseObject().accounts)}, "environments": {"prod": ${ENV_JSON}, "prod": ${ENV_JSON}}}`;
    expect(() => JSON.parse(text)).not.toThrow();
    expect(lines(parseConfigText(text, "platform.json"))).toEqual(["environments.prod: is declared more than once (duplicate environment name)"]);
  });

  it("reports a duplicate service name in JSON", () => {
    const env = ENV_JSON.replace(`"api":${SERVICE_JSON}`, `"api":${SERVICE_JSON},"api":${SERVICE_JSON.replace('"desiredCount":2', '"desiredCount":5')}`);
    expect(env).not.toBe(ENV_JSON);
    const text = `{"accounts": ${JSON.stringify(baseObject().accounts)}, "environments": {"prod": ${env}}}`;
    expect(JSON.parse(text).environments.prod.services.api.desiredCount).toBe(5); // the silent last-one-wins
    expect(lines(parseConfigText(text, "platform.json"))).toEqual(["environments.prod.services.api: is declared more than once (duplicate service name)"]);
  });

  it("reports a duplicate account alias in JSON along with schema problems", () => {
    const text = `{"accounts": {"main": {"id": "${ACCOUNT}"}, "main": {"id": "1"}}, "environments": {"prod": ${ENV_JSON}}}`;
    const result = lines(parseConfigText(text, "platform.json"));
    expect(result).toContain("accounts.main: is declared more than once (duplicate account alias)");
    expect(result).toContain("accounts.main.id: must be a 12-digit AWS account id (quote it in YAML so leading zeros survive)");
  });
});

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
    const path = join(dir, "missing.yaml");
    expect(lines(loadConfig({ PULLGUARD_CONFIG: path }, NO_EMBEDDED))).toEqual([`${path}: does not exist (named by PULLGUARD_CONFIG)`]);
  });

  it("reports a directory", () => {
    const path = join(dir, "config.d.yaml");
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
        expect.stringMatching(/^accounts\.main\.id: must be a 12-digit AWS account id/),
        "environments.prod.regions.us-east-1.vpc.cidr: has host bits set; the network address is 10.0.0.0/16",
        'environments.prod.services.api.desiredCout: unknown key (did you mean "desiredCount"?)',
      ]),
    );
  });

});
