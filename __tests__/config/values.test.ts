import { parseConfig } from "../../config/load";
import { problemLine } from "../../config/problems";
import { ACCOUNT, SERVICE, VPC, api, baseConfig, expectPlanError, expectProblem, vpc, withRegion } from "../helpers/config-cases";

/**
 * Config field values end to end: account ids, Regions, VPC CIDRs, resource ids, task sizes and log
 * retention. Each bad case mutates one thing of the valid base config and asserts the exact config
 * path and the gist of the message.
 */

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

