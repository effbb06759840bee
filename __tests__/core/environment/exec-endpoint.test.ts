/**
 * ECS Exec in private subnets: the SSM agent in the container reaches Session Manager through the
 * `ssmmessages` interface endpoint (docs/aws-facts.md), planned like every other interface
 * endpoint. Expected values are written out by hand.
 */
import { parseConfig } from "../../../config/load";
import type { PlatformConfigInput } from "../../../config/schema";
import type { Finding, PlatformPlan } from "../../../core/model/plan-types";
import { SERVICE_ACCOUNT, planValid, singleEnvironment, type ServiceInput } from "../../helpers/service-config";
import { resources, synthesize } from "../../helpers/synth";

const A = SERVICE_ACCOUNT;
const web: ServiceInput = { image: `${A}.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0`, desiredCount: 2 };
const execWeb: ServiceInput = { ...web, enableExecuteCommand: true, taskRole: { statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::assets/*"] }] } };

const env = (p: PlatformPlan, stack = "prod") => p.environments.find((e) => e.stackName === stack)!;
const errors = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "error");
const services = (p: PlatformPlan, stack = "prod") => env(p, stack).endpoints.map((e) => e.service);

describe("ssmmessages endpoint for ECS Exec", () => {
  it("is absent while no service enables ECS Exec", () => {
    const p = planValid(singleEnvironment({ web }));
    expect(errors(p)).toEqual([]);
    expect(services(p)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs"]);
  });

  it("is planned as an interface endpoint when one service enables ECS Exec", () => {
    const p = planValid(singleEnvironment({ web, shell: execWeb }));
    expect(errors(p)).toEqual([]);
    expect(services(p)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs", "ssmmessages"]);
    expect(env(p).endpoints.find((e) => e.service === "ssmmessages")).toEqual({
      service: "ssmmessages",
      serviceName: "com.amazonaws.us-east-1.ssmmessages",
      type: "Interface",
      mode: "create",
      reason: "ECS Exec sessions (enableExecuteCommand)",
    });
  });

  it("gets no endpoint policy under restrictToAccount (only the ECR and S3 endpoints carry one)", () => {
    const p = planValid(singleEnvironment({ shell: execWeb }, { endpoints: { restrictToAccount: true } }));
    expect(env(p).endpoints.find((e) => e.service === "ssmmessages")!.policy).toBeUndefined();
  });

  it("references an existing endpoint instead of creating one", () => {
    const p = planValid(singleEnvironment({ shell: execWeb }, { endpoints: { ssmmessages: { existingId: "vpce-0123456789abcdef0" } } }));
    expect(env(p).endpoints.find((e) => e.service === "ssmmessages")).toMatchObject({ mode: "existing", existingId: "vpce-0123456789abcdef0" });
  });

  it("warns PG-ENDPOINT-OFF when switched off while a service enables ECS Exec, and is silent otherwise", () => {
    const on = planValid(singleEnvironment({ shell: execWeb }, { endpoints: { ssmmessages: "off" } }));
    expect(services(on)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs"]);
    expect(on.findings.filter((f) => f.rule === "PG-ENDPOINT-OFF")).toEqual([
      {
        level: "warning",
        path: "environments.prod.endpoints.ssmmessages",
        message: "is off, but ECS Exec sessions (enableExecuteCommand) needs it: that traffic leaves through NAT",
        stack: "prod",
        rule: "PG-ENDPOINT-OFF",
      },
    ]);
    const off = planValid(singleEnvironment({ web }, { endpoints: { ssmmessages: "off" } }));
    expect(off.findings.filter((f) => f.rule === "PG-ENDPOINT-OFF")).toEqual([]);
  });

  it("is created on request without ECS Exec", () => {
    const p = planValid(singleEnvironment({ web }, { endpoints: { ssmmessages: "create" } }));
    expect(env(p).endpoints.find((e) => e.service === "ssmmessages")).toMatchObject({ mode: "create", reason: "requested in config" });
  });

  it("follows the per-Region setting over the environment's", () => {
    const config = singleEnvironment({ shell: execWeb });
    const region = config.environments.prod!.regions["us-east-1"]!;
    config.environments.prod!.regions["us-east-1"] = { ...region, endpoints: { ssmmessages: { existingId: "vpce-00000000000000001" } } };
    const p = planValid(config);
    expect(env(p).endpoints.find((e) => e.service === "ssmmessages")).toMatchObject({ mode: "existing", existingId: "vpce-00000000000000001" });
  });

  it("refuses a malformed setting with its config path", () => {
    const result = parseConfig(singleEnvironment({ shell: execWeb }, { endpoints: { ssmmessages: "always" as never } }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toEqual(["environments.prod.endpoints.ssmmessages"]);
  });
});

describe("ssmmessages endpoint in a shared VPC", () => {
  const shared = { id: "vpc-000000aa", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-000000a1"], privateRouteTableIds: ["rtb-000000a1"] };

  function twoEnvironments(devServices: Record<string, ServiceInput>, stagingServices: Record<string, ServiceInput>): PlatformConfigInput {
    return {
      accounts: { main: { id: A } },
      environments: {
        dev: { account: "main", regions: { "us-east-1": { vpc: shared } }, services: devServices },
        staging: { account: "main", regions: { "us-east-1": { vpc: { ...shared, privateRouteTableIds: ["rtb-000000a2"] } } }, services: stagingServices },
      },
    };
  }

  it("is created by the VPC's owner stack even when only another sharer enables ECS Exec", () => {
    const p = planValid(twoEnvironments({ web }, { shell: execWeb }));
    expect(errors(p)).toEqual([]);
    expect(env(p, "dev").endpoints.map((e) => [e.service, e.mode])).toEqual([
      ["ecr.api", "create"],
      ["ecr.dkr", "create"],
      ["s3", "create"],
      ["logs", "create"],
      ["ssmmessages", "create"],
    ]);
    expect(env(p, "staging").endpoints.find((e) => e.service === "ssmmessages")).toMatchObject({ mode: "shared", ownerStack: "dev" });
    expect(env(p, "staging").dependsOn).toContain("dev");
  });

  it("keeps one id per VPC: two different existing ids are refused", () => {
    const config = twoEnvironments({ shell: execWeb }, { shell: execWeb });
    config.environments.dev!.endpoints = { ssmmessages: { existingId: "vpce-0000000000000000a" } };
    config.environments.staging!.endpoints = { ssmmessages: { existingId: "vpce-0000000000000000b" } };
    const p = planValid(config);
    expect(errors(p)).toEqual([
      {
        level: "error",
        rule: "PG-SHARED-VPC-ENDPOINT",
        path: "environments.staging.regions.us-east-1.endpoints",
        message: "names vpce-0000000000000000b for ssmmessages, but another environment in VPC vpc-000000aa names vpce-0000000000000000a; a VPC has one ssmmessages endpoint",
        stack: "staging",
      },
    ]);
  });
});

describe("ssmmessages endpoint in the stack", () => {
  it("is rendered like the other interface endpoints: private DNS, same subnets, same 443-from-VPC group", () => {
    const vpc = { id: "vpc-0a1b2c3d", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0000000a", "subnet-0000000b"], privateRouteTableIds: ["rtb-0a1b2c3d"] };
    const config = singleEnvironment({ shell: { ...execWeb, launchType: "EC2" } });
    config.environments.prod!.regions["us-east-1"] = { vpc };
    const { json } = synthesize(config);
    const endpoints = resources(json["prod"]!, "aws_vpc_endpoint");
    const byService = Object.fromEntries(endpoints.map((e) => [e.service_name, e]));
    expect(Object.keys(byService).sort()).toEqual([
      "com.amazonaws.us-east-1.ecr.api",
      "com.amazonaws.us-east-1.ecr.dkr",
      "com.amazonaws.us-east-1.ecs",
      "com.amazonaws.us-east-1.ecs-agent",
      "com.amazonaws.us-east-1.ecs-telemetry",
      "com.amazonaws.us-east-1.logs",
      "com.amazonaws.us-east-1.s3",
      "com.amazonaws.us-east-1.ssmmessages",
    ]);
    const ssmmessages = byService["com.amazonaws.us-east-1.ssmmessages"];
    expect(ssmmessages).toMatchObject({ vpc_id: "vpc-0a1b2c3d", vpc_endpoint_type: "Interface", private_dns_enabled: true, subnet_ids: ["subnet-0000000a", "subnet-0000000b"] });
    expect(ssmmessages.security_group_ids).toEqual(byService["com.amazonaws.us-east-1.ecr.api"].security_group_ids);
    expect(ssmmessages.policy).toBeUndefined();
  });
});
