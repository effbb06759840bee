import { parseConfig, type ConfigResult } from "../config/load";
import { platform } from "../config/platform";
import { oneLine, problemLine, type ConfigProblem } from "../config/problems";
import type { PlatformConfig } from "../config/schema";
import { planPlatform } from "../core/plan";
import type { Finding } from "../core/plan-types";

/**
 * Config validation end to end: an object goes through parseConfig (schema, defaults, one line per
 * problem) and, when it parses, through planPlatform (cross-references, images). Each bad case
 * mutates one thing of a valid base config and asserts the exact config path and the gist of the
 * message. File formats and PULLGUARD_CONFIG are in config-files.test.ts.
 */

const ACCOUNT = "123456789012";

// Test inputs are deliberately mistyped, so they are plain JSON values, not PlatformConfigInput.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;

function baseVpc(): Raw {
  return {
    id: "vpc-0123456789abcdef0",
    cidr: "10.0.0.0/16",
    privateSubnetIds: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
    privateRouteTableIds: ["rtb-0123456789abcdef0"],
  };
}

/** The smallest config that plans cleanly: one account with a Docker Hub cache, one environment, one service. */
function baseConfig(): Raw {
  return {
    accounts: {
      main: { id: ACCOUNT, registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } } } } },
    },
    environments: {
      prod: {
        account: "main",
        regions: { "us-east-1": { vpc: baseVpc() } },
        services: { api: { image: "nginx:1.27.3", desiredCount: 2 } },
      },
    },
  };
}

function api(config: Raw): Raw {
  return config.environments.prod.services.api;
}

function vpc(config: Raw): Raw {
  return config.environments.prod.regions["us-east-1"].vpc;
}

function lines(problems: readonly ConfigProblem[]): string[] {
  return problems.map(problemLine);
}

/** Parses and insists on failure; every problem must be one `path: message` line. */
function problemsOf(input: unknown): ConfigProblem[] {
  const result: ConfigResult = parseConfig(input);
  if (result.ok) throw new Error("expected the config to be rejected, but it parsed");
  expect(result.ok).toBe(false);
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    const line = problemLine(problem);
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toBe(`${oneLine(problem.path)}: ${oneLine(problem.message)}`);
    expect(problem.message.trim()).not.toBe("");
  }
  return [...result.problems];
}

function expectProblem(input: unknown, path: string, ...fragments: string[]): ConfigProblem {
  const problems = problemsOf(input);
  const atPath = problems.filter((p) => p.path === path);
  if (atPath.length === 0) throw new Error(`no problem at ${path}; got:\n${lines(problems).join("\n")}`);
  const match = atPath.find((p) => fragments.every((f) => p.message.includes(f)));
  if (!match) throw new Error(`no problem at ${path} containing ${JSON.stringify(fragments)}; got:\n${lines(problems).join("\n")}`);
  return match;
}

function parsed(input: unknown): PlatformConfig {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`expected the config to parse; got:\n${lines(result.problems).join("\n")}`);
  return result.config;
}

function planErrors(input: unknown): Finding[] {
  const findings = planPlatform(parsed(input)).findings;
  for (const f of findings) expect(`${f.path}: ${f.message}`).not.toMatch(/[\r\n]/);
  return findings.filter((f) => f.level === "error");
}

function expectPlanError(input: unknown, path: string, ...fragments: string[]): Finding {
  const errors = planErrors(input);
  const show = () => errors.map((e) => `${e.path}: ${e.message}`).join("\n") || "(no errors)";
  const atPath = errors.filter((e) => e.path === path);
  if (atPath.length === 0) throw new Error(`no planning error at ${path}; got:\n${show()}`);
  const match = atPath.find((e) => fragments.every((f) => e.message.includes(f)));
  if (!match) throw new Error(`no planning error at ${path} containing ${JSON.stringify(fragments)}; got:\n${show()}`);
  expect(match.level).toBe("error");
  return match;
}

function withRegion(config: Raw, region: string): Raw {
  config.environments.prod.regions = { [region]: { vpc: baseVpc() } };
  return config;
}

const SERVICE = "environments.prod.services.api";
const VPC = "environments.prod.regions.us-east-1.vpc";

describe("good configs", () => {
  it("accepts the embedded example and plans it without errors", () => {
    const config = parsed(platform);
    const plan = planPlatform(config);
    expect(plan.findings.filter((f) => f.level === "error")).toEqual([]);
    expect(plan.environments.map((e) => e.stackName).sort()).toEqual(["dev", "prod-us-east-1", "prod-us-west-2", "staging"]);
  });

  it("accepts the base config the bad cases start from", () => {
    expect(planErrors(baseConfig())).toEqual([]);
  });

  it("applies every default to a minimal config", () => {
    const config = parsed({
      accounts: { main: { id: ACCOUNT, registry: {} } },
      environments: {
        prod: {
          account: "main",
          regions: { "us-east-1": { vpc: baseVpc() } },
          services: { api: { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`, desiredCount: 1 } },
        },
      },
    });
    const env = config.environments.prod!;
    const service = env.services.api!;
    expect(service.launchType).toBe("FARGATE");
    expect(service.cpu).toBe(256);
    expect(service.memory).toBe(512);
    expect(service.logRetentionDays).toBe(30);
    expect(service.imageLayers).toBe(10);
    expect(service.deployment.minimumHealthyPercentFloor).toBe(100);
    expect(service.pullDirect).toBe(false);
    expect(service.sidecars).toEqual({});
    const { restrictToAccount, ...settings } = env.endpoints;
    expect(Object.keys(settings).length).toBe(11);
    for (const [name, setting] of Object.entries(settings)) expect([name, setting]).toEqual([name, "auto"]);
    expect(restrictToAccount).toBe(false);
    expect(env.executionRoles).toBe("per-service");
    expect(env.regions["us-east-1"]!.vpc.natPublicIps).toBe(1);
    expect(config.project).toBe("pullguard");
    expect(config.backend).toEqual({ type: "local" });
    expect(config.stackBackends).toEqual({});
    expect(config.pullBudget.maxQuotaShare).toBe(0.5);
    expect(config.pullBudget.defaultMaxConcurrentStarts).toBe(25);
    const registry = config.accounts.main!.registry!;
    expect(registry.repositoryTemplates.tagMutability).toBe("IMMUTABLE");
    expect(registry.repositoryTemplates.encryption).toEqual({ type: "AES256" });
    expect(registry.pullThroughCache).toEqual({ azure: {}, ecr: {} });
    expect(config.detection.usageAlarms).toBe(true);
    expect(planPlatform(config).findings.filter((f) => f.level === "error")).toEqual([]);
  });

  it("turns `true` into the default cache prefix", () => {
    const config = baseConfig();
    config.accounts.main.registry.pullThroughCache.quay = true;
    expect(parsed(config).accounts.main!.registry!.pullThroughCache.quay).toEqual({ prefix: "quay" });
  });
});

describe("unknown keys", () => {
  it("suggests the key a typo was meant to be", () => {
    const config = baseConfig();
    api(config).desiredCout = 3;
    const problem = expectProblem(config, `${SERVICE}.desiredCout`, "unknown key", 'did you mean "desiredCount"');
    expect(problemLine(problem)).toBe(`${SERVICE}.desiredCout: unknown key (did you mean "desiredCount"?)`);
  });

  it("reports an unknown top-level key", () => {
    const config = baseConfig();
    config.enviroments = {};
    expectProblem(config, "enviroments", "unknown key", 'did you mean "environments"');
  });

  it("reports an unknown key without a suggestion when nothing is close", () => {
    const config = baseConfig();
    config.colour = "blue";
    const problem = expectProblem(config, "colour", "unknown key");
    expect(problem.message).toBe("unknown key");
  });

  it("reports an unknown key in a nested vpc object", () => {
    const config = baseConfig();
    vpc(config).privateSubnetId = ["subnet-0123456789abcdef0"];
    expectProblem(config, `${VPC}.privateSubnetId`, "unknown key", 'did you mean "privateSubnetIds"');
  });
});

describe("wrong types", () => {
  it("rejects desiredCount written as a string", () => {
    const config = baseConfig();
    api(config).desiredCount = "2";
    expectProblem(config, `${SERVICE}.desiredCount`, "must be a number", "got string");
  });

  it("rejects privateSubnetIds written as a single string", () => {
    const config = baseConfig();
    vpc(config).privateSubnetIds = "subnet-0123456789abcdef0";
    expectProblem(config, `${VPC}.privateSubnetIds`, "must be a list", "got string");
  });

  it("rejects regions written as a list", () => {
    const config = baseConfig();
    config.environments.prod.regions = ["us-east-1"];
    const problem = expectProblem(config, "environments.prod.regions", "must be an object", "got array");
    expect(problem.message).not.toMatch(/record/); // zod's word, not the user's
  });

  it("rejects a fractional desiredCount", () => {
    const config = baseConfig();
    api(config).desiredCount = 2.5;
    expectProblem(config, `${SERVICE}.desiredCount`, "must be an integer");
  });

  it("names the allowed values of an enum", () => {
    const config = baseConfig();
    api(config).launchType = "fargate";
    expectProblem(config, `${SERVICE}.launchType`, '"FARGATE", "EC2"', 'got "fargate"');
  });

  it("names the allowed backend types", () => {
    const config = baseConfig();
    config.backend = { type: "s4" };
    expectProblem(config, "backend.type", '"local", "s3"', 'got "s4"');
  });

  it("rejects a top level that is not an object", () => {
    expectProblem([], "(config)", "must be an object", "got array");
  });
});

describe("values out of range and missing fields", () => {
  it("rejects desiredCount 0", () => {
    const config = baseConfig();
    api(config).desiredCount = 0;
    const problems = problemsOf(config);
    expect(lines(problems)).toEqual([`${SERVICE}.desiredCount: must be at least 1`]);
  });

  it("reports a missing vpc.id as required", () => {
    const config = baseConfig();
    delete vpc(config).id;
    expect(problemLine(expectProblem(config, `${VPC}.id`, "is required"))).toBe(`${VPC}.id: is required`);
  });

  it("reports a missing desiredCount as required", () => {
    const config = baseConfig();
    delete api(config).desiredCount;
    expectProblem(config, `${SERVICE}.desiredCount`, "is required");
  });

  it("reports missing accounts and environments", () => {
    const problems = problemsOf({});
    expect(lines(problems).sort()).toEqual(["accounts: is required", "environments: is required"]);
  });

  it("rejects an environment with no Region", () => {
    const config = baseConfig();
    config.environments.prod.regions = {};
    expectProblem(config, "environments.prod.regions", "at least one Region");
  });

  it("rejects an empty subnet list", () => {
    const config = baseConfig();
    vpc(config).privateSubnetIds = [];
    expectProblem(config, `${VPC}.privateSubnetIds`, "at least one private subnet");
  });
});

describe("account ids", () => {
  it.each([
    ["11 digits", "12345678901"],
    ["letters", "12345678901a"],
    ["13 digits", "1234567890123"],
  ])("rejects an id with %s", (_label, id) => {
    const config = baseConfig();
    config.accounts.main.id = id;
    expectProblem(config, "accounts.main.id", "must be a 12-digit AWS account id");
  });

  it("rejects an id written as a number", () => {
    const config = baseConfig();
    config.accounts.main.id = 123456789012;
    expectProblem(config, "accounts.main.id", "must be a quoted string of 12 digits", "reads an unquoted account id as a number");
  });

  it("reports two aliases with the same account id when planning", () => {
    const config = baseConfig();
    config.accounts.shared = { id: ACCOUNT };
    expectPlanError(config, "accounts.shared.id", `repeats account ${ACCOUNT}`, "accounts.main");
  });

  it("rejects an account alias that is not a lowercase name", () => {
    const config = baseConfig();
    config.accounts.Main = config.accounts.main;
    delete config.accounts.main;
    config.environments.prod.account = "Main";
    expectProblem(config, "accounts.Main", "must be an account alias of lowercase letters");
  });
});

describe("Regions", () => {
  it.each(["us-east-7", "moon-1", "us-east-1a"])("rejects the unknown Region %s, naming it", (region) => {
    const problem = expectProblem(withRegion(baseConfig(), region), `environments.prod.regions.${region}`, "must be a known AWS Region", `"${region}"`);
    expect(problem.message).not.toMatch(/Invalid key in record/);
  });

  it.each(["cn-north-1", "cn-northwest-1", "us-gov-west-1", "us-gov-east-1"])("rejects %s: no pull-through cache there", (region) => {
    expectProblem(withRegion(baseConfig(), region), `environments.prod.regions.${region}`, "pull-through cache is not available", "China, GovCloud");
  });

  it("rejects an unknown Region in a value position too (backend.region)", () => {
    const config = baseConfig();
    config.backend = { type: "s3", bucket: "my-state-bucket", region: "eu-west-9" };
    expectProblem(config, "backend.region", "must be a known AWS Region", '"eu-west-9"');
  });
});

describe("VPC CIDRs", () => {
  it.each([
    ["10.0.0.0/33", "must be an IPv4 CIDR block"],
    ["10.0.0.1/16", "has host bits set; the network address is 10.0.0.0/16"],
    ["300.0.0.0/16", "must be an IPv4 CIDR block"],
    ["10.0.0.0/8", "between /16 and /28"],
    ["10.0.0.0/29", "between /16 and /28"],
    ["10.0.0.0", "must be an IPv4 CIDR block"],
    ["not a cidr", "must be an IPv4 CIDR block"],
    ["010.0.0.0/16", "must be an IPv4 CIDR block"],
  ])("rejects %s", (cidr, fragment) => {
    const config = baseConfig();
    vpc(config).cidr = cidr;
    expectProblem(config, `${VPC}.cidr`, fragment);
  });

  it("accepts a /28 network address", () => {
    const config = baseConfig();
    vpc(config).cidr = "192.168.1.16/28";
    expect(parseConfig(config).ok).toBe(true);
  });
});

describe("resource ids", () => {
  it("rejects a malformed subnet id, at its list index", () => {
    const config = baseConfig();
    vpc(config).privateSubnetIds[1] = "subnet-xyz";
    expectProblem(config, `${VPC}.privateSubnetIds[1]`, "must be a subnet id", "subnet- followed by 8 or 17 hex characters");
  });

  it("rejects a route table id that is too short", () => {
    const config = baseConfig();
    vpc(config).privateRouteTableIds = ["rtb-123"];
    expectProblem(config, `${VPC}.privateRouteTableIds[0]`, "must be a route table id");
  });

  it("rejects a vpc id with the wrong prefix", () => {
    const config = baseConfig();
    vpc(config).id = "subnet-0123456789abcdef0";
    expectProblem(config, `${VPC}.id`, "must be a VPC id", "vpc-");
  });

  it("rejects a subnet id given where a route table id belongs", () => {
    const config = baseConfig();
    vpc(config).privateRouteTableIds = ["subnet-0123456789abcdef0"];
    expectProblem(config, `${VPC}.privateRouteTableIds[0]`, "must be a route table id");
  });
});

describe("cross-references (planning)", () => {
  it("reports an environment naming an undeclared account", () => {
    const config = baseConfig();
    config.environments.prod.account = "shared";
    expectPlanError(config, "environments.prod.account", 'names account "shared"', "not declared under accounts", "declared: main");
  });

  it("reports two environments that give the same stack name", () => {
    const config = baseConfig();
    config.environments.prod.regions["us-west-2"] = { vpc: baseVpc() };
    config.environments["prod-us-east-1"] = {
      account: "main",
      regions: { "us-east-1": { vpc: baseVpc() } },
      services: { api: { image: "nginx:1.27.3", desiredCount: 2 } },
    };
    expectPlanError(config, "environments.prod-us-east-1", 'stack name "prod-us-east-1"', "environments.prod");
  });

  it("does not report a collision once the second environment is renamed", () => {
    const config = baseConfig();
    config.environments.prod.regions["us-west-2"] = { vpc: baseVpc() };
    config.environments.canary = { account: "main", regions: { "us-east-1": { vpc: baseVpc() } }, services: {} };
    expect(planErrors(config)).toEqual([]);
  });

  it("reports stackBackends naming a stack that does not exist", () => {
    const config = baseConfig();
    config.stackBackends = { "prod-us-east-1": { type: "local" } };
    expectPlanError(config, "stackBackends.prod-us-east-1", "names no stack", "prod", `registry-${ACCOUNT}-us-east-1`);
  });

  it("accepts stackBackends naming real stacks", () => {
    const config = baseConfig();
    config.stackBackends = { prod: { type: "local" }, [`registry-${ACCOUNT}-us-east-1`]: { type: "local" } };
    expect(planErrors(config)).toEqual([]);
  });
});

describe("service sizing and logs", () => {
  it("rejects a Fargate cpu/memory pair Fargate does not offer, at memory", () => {
    const config = baseConfig();
    api(config).cpu = 256;
    api(config).memory = 4096;
    const problem = expectProblem(config, `${SERVICE}.memory`, "512, 1024 or 2048", "cpu 256", "Fargate");
    expect(problemLine(problem)).toBe(`${SERVICE}.memory: must be 512, 1024 or 2048 with cpu 256 on Fargate`);
  });

  it("rejects a Fargate cpu value Fargate does not offer, at cpu", () => {
    const config = baseConfig();
    api(config).cpu = 300;
    expectProblem(config, `${SERVICE}.cpu`, "must be one of 256, 512, 1024", "on Fargate");
  });

  it("does not apply the Fargate table to EC2 services", () => {
    const config = baseConfig();
    Object.assign(api(config), { launchType: "EC2", cpu: 256, memory: 4096 });
    expect(parseConfig(config).ok).toBe(true);
  });

  it("rejects a log retention CloudWatch Logs does not offer, listing the allowed ones", () => {
    const config = baseConfig();
    api(config).logRetentionDays = 8;
    expectProblem(config, `${SERVICE}.logRetentionDays`, "retention periods", "1, 3, 5, 7, 14, 30", "3653");
  });
});

describe("images (planning)", () => {
  const withImage = (image: string, extra: Raw = {}): Raw => {
    const config = baseConfig();
    Object.assign(api(config), { image, ...extra });
    return config;
  };
  const IMAGE = `${SERVICE}.image`;

  it("rejects :latest", () => {
    expectPlanError(withImage("nginx:latest"), IMAGE, '"nginx:latest"', ":latest", "Pin a version tag or a digest");
  });

  it("rejects an untagged image", () => {
    expectPlanError(withImage("nginx"), IMAGE, '"nginx" has no tag');
  });

  it("rejects an uppercase repository", () => {
    expectPlanError(withImage("NGINX:1.0"), IMAGE, "not a valid image reference", "lowercase");
  });

  it("rejects an empty tag", () => {
    expectPlanError(withImage("nginx:"), IMAGE, "not a valid image reference", "tag must not be empty");
  });

  it("rejects a malformed digest", () => {
    expectPlanError(withImage("nginx@sha256:abc"), IMAGE, "not a valid image reference", "digest", "64 hex");
  });

  it("rejects an image from a registry whose cache rule is not enabled, naming the setting", () => {
    expectPlanError(withImage("quay.io/x/y:1"), IMAGE, "no pull-through cache rule for Quay", "pullThroughCache.quay");
  });

  it("accepts the same Quay image once the cache rule is enabled", () => {
    const config = withImage("quay.io/x/y:1");
    config.accounts.main.registry.pullThroughCache.quay = true;
    expect(planErrors(config)).toEqual([]);
  });

  it("rejects a registry no pull-through cache supports, pointing at pullDirect", () => {
    expectPlanError(withImage("registry.example.com:5000/app:1"), IMAGE, "registry.example.com:5000", "cannot be cached", "pullDirect: true");
  });

  it("accepts that registry with pullDirect", () => {
    expect(planErrors(withImage("registry.example.com:5000/app:1", { pullDirect: true }))).toEqual([]);
  });

  it("reports a sidecar image at the sidecar's path", () => {
    const config = baseConfig();
    api(config).sidecars = { "log-router": { image: "fluent/fluent-bit:latest" } };
    expectPlanError(config, `${SERVICE}.sidecars.log-router.image`, ":latest");
  });

  it("keeps a finding on one line when the image contains a line break", () => {
    const finding = expectPlanError(withImage("nginx:1.0\nrm -rf"), IMAGE, "not a valid image reference");
    expect(finding.message).not.toMatch(/\n/);
  });
});

describe("several problems at once", () => {
  it("reports every independent schema mistake, one line each", () => {
    const config = baseConfig();
    config.accounts.main.id = "1234";
    vpc(config).cidr = "10.0.0.0/8";
    api(config).desiredCount = 0;
    const problems = problemsOf(config);
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.map((p) => p.path).sort()).toEqual(["accounts.main.id", `${VPC}.cidr`, `${SERVICE}.desiredCount`].sort());
  });

  it("reports every independent planning mistake", () => {
    const config = baseConfig();
    config.accounts.shared = { id: ACCOUNT };
    config.stackBackends = { nope: { type: "local" } };
    api(config).image = "nginx:latest";
    const paths = planErrors(config).map((e) => e.path).sort();
    expect(paths).toEqual(["accounts.shared.id", `${SERVICE}.image`, "stackBackends.nope"]);
  });

  it("keeps a problem on one line when a key contains a line break", () => {
    const problems = problemsOf(withRegion(baseConfig(), "us-east-1\nx"));
    expect(lines(problems)).toEqual(['environments.prod.regions.us-east-1\\nx: must be a known AWS Region (e.g. us-east-1), got "us-east-1\\nx"']);
  });
});

describe("registry scanning", () => {
  test("BASIC scanning cannot scan continuously", () => {
    const config = baseConfig();
    config.accounts.main.registry.scanning = { type: "BASIC", frequency: "CONTINUOUS_SCAN" };
    expect(lines(problemsOf(config))).toEqual(["accounts.main.registry.scanning.frequency: CONTINUOUS_SCAN needs type ENHANCED; BASIC scans on push or manually"]);
  });

  test("ENHANCED scanning may scan continuously", () => {
    const config = baseConfig();
    config.accounts.main.registry.scanning = { type: "ENHANCED", frequency: "CONTINUOUS_SCAN" };
    expect(parseConfig(config).ok).toBe(true);
  });
});
