import { parseConfig } from "../../config/load";
import { platform } from "../../config/platform";
import { problemLine } from "../../config/problems";
import { planPlatform } from "../../core/plan";
import { ACCOUNT, SERVICE, VPC, api, baseConfig, baseVpc, expectProblem, lines, parsed, planErrors, problemsOf, vpc, withRegion } from "../helpers/config-cases";

/**
 * Config validation end to end: an object goes through parseConfig (schema, defaults, one line per
 * problem) and, when it parses, through planPlatform (cross-references, images). Each bad case
 * mutates one thing of a valid base config and asserts the exact config path and the gist of the
 * message. Field values (ids, Regions, CIDRs, sizes) are in config-values.test.ts, planning
 * cross-checks in config-planning.test.ts, file formats in config-files-formats.test.ts and
 * PULLGUARD_CONFIG in config-files-loading.test.ts.
 */

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
