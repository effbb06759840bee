/**
 * Config files: the same config from a JSON file, a YAML file and the object, and duplicate keys,
 * which JSON.parse would resolve by keeping the last of two equal keys without a word, so
 * duplicates are the loader's job.
 */
import { loadConfig, parseConfig, parseConfigText } from "../../config/load";
import { platform } from "../../config/platform";
import { ACCOUNT } from "../helpers/config-cases";
import { BASE_YAML, baseObject, configFileDirectory, lines, NO_EMBEDDED } from "../helpers/config-files";

const ENV_JSON = JSON.stringify(baseObject().environments.prod);
const SERVICE_JSON = JSON.stringify(baseObject().environments.prod.services.api);
const { file } = configFileDirectory();

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
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["environments.prod.services.api.desiredCount: must be at least 1 (line 25, column 23)"]);
  });

  it("reports an unquoted account id in YAML as a number", () => {
    const text = BASE_YAML.replace(`id: "${ACCOUNT}"`, `id: ${ACCOUNT}`);
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["accounts.main.id: must be a quoted string of 12 digits: YAML reads an unquoted account id as a number (line 4, column 9)"]);
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
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["environments.prod: is declared more than once (duplicate environment name) (line 30, column 3)"]);
  });

  it("reports a duplicate service name in YAML", () => {
    expect(lines(parseConfigText(duplicateServiceYaml, "platform.yaml"))).toEqual([
      "environments.prod.services.api: is declared more than once (duplicate service name) (line 27, column 7)",
    ]);
  });

  it("reports a duplicate environment name in JSON, which JSON.parse would drop silently", () => {
    const text = `{"accounts": ${JSON.stringify(baseObject().accounts)}, "environments": {"prod": ${ENV_JSON}, "prod": ${ENV_JSON}}}`;
    expect(() => JSON.parse(text)).not.toThrow();
    // One line of JSON: the column of the second "prod".
    const column = text.lastIndexOf('"prod"') + 1;
    expect(lines(parseConfigText(text, "platform.json"))).toEqual([`environments.prod: is declared more than once (duplicate environment name) (line 1, column ${column})`]);
  });

  it("reports a duplicate service name in JSON", () => {
    const env = ENV_JSON.replace(`"api":${SERVICE_JSON}`, `"api":${SERVICE_JSON},"api":${SERVICE_JSON.replace('"desiredCount":2', '"desiredCount":5')}`);
    expect(env).not.toBe(ENV_JSON);
    const text = `{"accounts": ${JSON.stringify(baseObject().accounts)}, "environments": {"prod": ${env}}}`;
    expect(JSON.parse(text).environments.prod.services.api.desiredCount).toBe(5); // the silent last-one-wins
    const column = text.lastIndexOf('"api"') + 1;
    expect(lines(parseConfigText(text, "platform.json"))).toEqual([`environments.prod.services.api: is declared more than once (duplicate service name) (line 1, column ${column})`]);
  });

  it("reports a duplicate account alias in JSON along with schema problems", () => {
    const text = `{"accounts": {"main": {"id": "${ACCOUNT}"}, "main": {"id": "1"}}, "environments": {"prod": ${ENV_JSON}}}`;
    const result = lines(parseConfigText(text, "platform.json"));
    expect(result).toContain(`accounts.main: is declared more than once (duplicate account alias) (line 1, column ${text.indexOf('"main": {"id": "1"}') + 1})`);
    expect(result).toContain(`accounts.main.id: must be a 12-digit AWS account id (quote it in YAML so leading zeros survive) (line 1, column ${text.indexOf('"1"') + 1})`);
  });
});
