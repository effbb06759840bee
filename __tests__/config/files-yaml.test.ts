/**
 * YAML as teams write it: anchors and aliases, `<<` merge keys and top-level `x-` keys to hold
 * the shared blocks; every problem with its line and column, and a mistake in a shared block
 * reported once, at the block, with the other paths it breaks.
 */
import { parseConfig, parseConfigText } from "../../config/load";
import { ACCOUNT } from "../helpers/config-cases";
import { lines } from "../helpers/config-files";

const VPC = "vpc: { id: vpc-0123456789abcdef0, cidr: 10.0.0.0/16, privateSubnetIds: [subnet-0123456789abcdef0], privateRouteTableIds: [rtb-0123456789abcdef0] }";

/** Line numbers are on the right; every expected position below is counted from them. */
const SHARED = `x-service: &service
  desiredCount: 2
  cpu: 256
  memory: 2048
accounts:
  main:
    id: "${ACCOUNT}"
    registry: { pullThroughCache: { quay: true } }
environments:
  prod:
    account: main
    regions:
      us-east-1:
        ${VPC}
    services:
      api:
        <<: *service
        image: quay.io/prometheus/node-exporter:v1.8.2
        cpu: 512
      worker:
        cpu: 1024
        <<: *service
        image: quay.io/prometheus/node-exporter:v1.8.2
`;
// Lines: 1 x-service, 2 desiredCount, 3 cpu, 16 api, 17 <<, 20 worker, 21 cpu, 22 <<.

const vpc = { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0123456789abcdef0"], privateRouteTableIds: ["rtb-0123456789abcdef0"] };
const written = (services: Record<string, unknown>) => ({
  accounts: { main: { id: ACCOUNT, registry: { pullThroughCache: { quay: true } } } },
  environments: { prod: { account: "main", regions: { "us-east-1": { vpc } }, services } },
});
const IMAGE = "quay.io/prometheus/node-exporter:v1.8.2";

function config(text: string, fileName = "platform.yaml") {
  const result = parseConfigText(text, fileName);
  if (!result.ok) throw new Error(lines(result).join("\n"));
  return result.config;
}

describe("merge keys and x- keys", () => {
  it("reads << merges as written out by hand: a key of the map itself wins, before or after the <<", () => {
    const expected = parseConfig(
      written({
        api: { desiredCount: 2, cpu: 512, memory: 2048, image: IMAGE },
        worker: { desiredCount: 2, cpu: 1024, memory: 2048, image: IMAGE },
      }),
    );
    if (!expected.ok) throw new Error("the hand-written config must be valid");
    expect(config(SHARED)).toEqual(expected.config);
  });

  it("merges a list of anchors, the first one listed winning", () => {
    const text = SHARED.replace("x-service: &service", "x-small: &small { cpu: 256, desiredCount: 1 }\nx-service: &service").replace("        <<: *service\n        image", "        <<: [*small, *service]\n        image");
    const api = config(text).environments.prod!.services.api!;
    expect([api.cpu, api.desiredCount, api.memory]).toEqual([512, 1, 2048]);
  });

  it("ignores x- keys at the top level of YAML and JSON files", () => {
    const object = { "x-owner": "platform-team", "x-defaults": { cpu: 256 }, ...written({ api: { desiredCount: 1, image: IMAGE } }) };
    const expected = parseConfig(written({ api: { desiredCount: 1, image: IMAGE } }));
    expect(parseConfigText(JSON.stringify(object), "platform.json")).toEqual({ ...expected, source: "platform.json" });
  });

  it("reads x- below the top level as any other key: there keys are names users choose", () => {
    const text = SHARED.replace("        cpu: 512\n", "        cpu: 512\n        x-owner: team-a\n").replace("      worker:", "      x-ray:");
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["environments.prod.services.api.x-owner: unknown key (line 20, column 9)"]);
    expect(Object.keys(config(text.replace("        x-owner: team-a\n", "")).environments.prod!.services)).toEqual(["api", "x-ray"]);
  });

  it("keeps << a plain key in JSON, where it is quoted", () => {
    const object = written({ api: { "<<": { cpu: 256 }, desiredCount: 1, image: IMAGE } });
    expect(lines(parseConfigText(JSON.stringify(object), "platform.json"))).toEqual([
      `environments.prod.services.api.<<: unknown key (line 1, column ${JSON.stringify(object).indexOf('"<<"') + 1})`,
    ]);
  });
});

describe("problems in shared blocks", () => {
  it("reports a bad value in an anchor once, at the anchor, with every other path that uses it", () => {
    expect(lines(parseConfigText(SHARED.replace("desiredCount: 2", "desiredCount: 0"), "platform.yaml"))).toEqual([
      "environments.prod.services.api.desiredCount: must be at least 1 (line 2, column 17, anchor &service; also at environments.prod.services.worker.desiredCount)",
    ]);
  });

  it("reports an unknown key in an anchor at the key", () => {
    expect(lines(parseConfigText(SHARED.replace("  memory: 2048", "  memroy: 2048"), "platform.yaml"))).toEqual([
      'environments.prod.services.api.memroy: unknown key (did you mean "memory"?) (line 4, column 3, anchor &service; also at environments.prod.services.worker.memroy)',
      // memory left to its default of 512, which neither cpu allows: at each service, where it is missing.
      "environments.prod.services.api.memory: must be 1024-4096 in steps of 1024 with cpu 512 on Fargate (line 16, column 7)",
      "environments.prod.services.worker.memory: must be 2048-8192 in steps of 1024 with cpu 1024 on Fargate (line 20, column 7)",
    ]);
  });

  it("does not blame the anchor for a value a service overrides", () => {
    expect(lines(parseConfigText(SHARED.replace("        cpu: 1024", "        cpu: 1000"), "platform.yaml"))).toEqual([
      "environments.prod.services.worker.cpu: must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 on Fargate (line 21, column 14)",
    ]);
  });

  it("names at most three other paths, then how many more", () => {
    const services = ["a", "b", "c", "d", "e"].map((name) => `      ${name}: { <<: *service, image: "${IMAGE}" }`).join("\n");
    const text = `${SHARED.replace("desiredCount: 2", "desiredCount: -1").split("    services:\n")[0]}    services:\n${services}\n`;
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual([
      "environments.prod.services.a.desiredCount: must be at least 1 (line 2, column 17, anchor &service; also at environments.prod.services.b.desiredCount, environments.prod.services.c.desiredCount, environments.prod.services.d.desiredCount and 1 more)",
    ]);
  });

  it("reports a whole service used twice through an alias once, at the service it was written in", () => {
    const text = SHARED.replace("      worker:\n        cpu: 1024\n        <<: *service\n        image: quay.io/prometheus/node-exporter:v1.8.2\n", "      worker: *api\n").replace("      api:\n", "      api: &api\n").replace("        cpu: 512\n", "        cpu: 500\n");
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual([
      "environments.prod.services.api.cpu: must be one of 256, 512, 1024, 2048, 4096, 8192, 16384 on Fargate (line 19, column 14, anchor &api; also at environments.prod.services.worker.cpu)",
    ]);
  });

  it("reports a required key missing from a service at the service's key", () => {
    const text = SHARED.replace("        image: quay.io/prometheus/node-exporter:v1.8.2\n        cpu: 512\n", "        cpu: 512\n");
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["environments.prod.services.api.image: is required (line 16, column 7)"]);
  });

  it("finds a key that holds dots (a tag) by the longest key that starts the path", () => {
    const text = `${SHARED}tags:\n  app.kubernetes.io/name: { team: a }\n`;
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual(["tags.app.kubernetes.io/name: must be a string (got object) (line 25, column 3)"]);
  });

  it("refuses an alias inside the anchor it names, which would expand forever", () => {
    expect(lines(parseConfigText("accounts: &x { main: *x }\nenvironments: {}\n", "loop.yaml"))).toEqual([
      "loop.yaml: is not valid YAML: the alias *x at line 1, column 22 is inside the anchor it refers to",
    ]);
  });

  it("refuses an alias flood made of merge keys", () => {
    const levels = ["x-a: &a { k: 1 }"];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`x-${name}: &${name} { ${Array.from({ length: 10 }, (_, j) => `k${j}: { <<: *${previous} }`).join(", ")} }`);
    }
    expect(lines(parseConfigText(`${levels.join("\n")}\n`, "merges.yaml"))).toEqual([
      "merges.yaml: is not valid YAML: its aliases and merge keys expand to more than 2000000 values (an alias flood); write the values out",
    ]);
  });

  it("reads 1,000 services merging one anchor (a linear use, not a flood)", () => {
    const services = Array.from({ length: 1000 }, (_, i) => `      s${i}: { <<: *service, image: "${IMAGE}" }`).join("\n");
    const text = `${SHARED.split("    services:\n")[0]}    services:\n${services}\n`;
    expect(Object.keys(config(text).environments.prod!.services)).toHaveLength(1000);
  });
});

describe("encodings and invisible characters", () => {
  it("drops a UTF-8 byte order mark before JSON and YAML", () => {
    const json = JSON.stringify(written({ api: { desiredCount: 1, image: IMAGE } }));
    expect(parseConfigText(`\ufeff${json}`, "platform.json")).toEqual(parseConfigText(json, "platform.json"));
    expect(parseConfigText(`\ufeff${SHARED}`, "platform.yaml")).toEqual(parseConfigText(SHARED, "platform.yaml"));
  });

  it("counts columns after a byte order mark as an editor does", () => {
    expect(lines(parseConfigText(`\ufeff${SHARED.replace("x-service", "project: Bad\nx-service")}`, "platform.yaml"))[0]).toMatch(/ \(line 1, column 10\)$/);
  });

  it("shows a zero-width space and a tab in a key escaped", () => {
    const text = SHARED.replace("  prod:", "  prod\u200b:").replace("      worker:", '      "wor\tker":');
    expect(lines(parseConfigText(text, "platform.yaml"))).toEqual([
      "environments.prod\\u200b: must be an environment name of lowercase letters, digits and single hyphens, starting with a letter (line 10, column 3)",
    ]);
    const service = lines(parseConfigText(SHARED.replace("      worker:", '      "wor\tker":'), "platform.yaml"));
    expect(service[0]).toMatch(/^environments\.prod\.services\.wor\\tker: .* \(line 20, column 7\)$/);
  });
});
