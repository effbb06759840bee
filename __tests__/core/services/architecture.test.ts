/**
 * A task's CPU architecture defaults to its capacity's (issue 22 item 6): an EC2 service on Graviton
 * instance types runs ARM64 without saying so; Fargate stays X86_64; a written value wins (and a wrong
 * one is PG-EC2-ARCHITECTURE: __tests__/rules/capacity.test.ts).
 */
import type { PlatformPlan } from "../../../core/model/plan-types";
import { planValid, SERVICE_ACCOUNT, singleEnvironment } from "../../helpers/service-config";

const IMAGE = `${SERVICE_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`;
const architectures = (p: PlatformPlan) =>
  Object.fromEntries(p.environments.flatMap((e) => e.services.map((s) => [`${e.region}/${s.name}`, s.production.cpuArchitecture])));
const ruleIds = (p: PlatformPlan) => p.findings.map((f) => f.rule);

describe("the task's architecture is the capacity's unless written", () => {
  test("c7g.large capacity: an EC2 service with none written is ARM64, a Fargate one X86_64, and nothing is refused", () => {
    const p = planValid(singleEnvironment({ api: { image: IMAGE, desiredCount: 2, launchType: "EC2" }, web: { image: IMAGE, desiredCount: 2 } }, { ec2Capacity: { instanceType: "c7g.large" } }));
    expect(architectures(p)).toEqual({ "us-east-1/api": "ARM64", "us-east-1/web": "X86_64" });
    expect(ruleIds(p)).not.toContain("PG-EC2-ARCHITECTURE");
  });

  test("m6i.large capacity (the default is m6i.large): X86_64", () => {
    const p = planValid(singleEnvironment({ api: { image: IMAGE, desiredCount: 2, launchType: "EC2" } }));
    expect(architectures(p)).toEqual({ "us-east-1/api": "X86_64" });
  });

  test("written ARM64 on Fargate stays ARM64", () => {
    const p = planValid(singleEnvironment({ web: { image: IMAGE, desiredCount: 2, runtimePlatform: { cpuArchitecture: "ARM64" } } }));
    expect(architectures(p)).toEqual({ "us-east-1/web": "ARM64" });
  });

  test("a Region's own instance type decides in that Region: c7g in us-east-1, m6i in eu-west-1", () => {
    const config = singleEnvironment({ api: { image: IMAGE, desiredCount: 2, launchType: "EC2" } }, { ec2Capacity: { instanceType: "m6i.large" } });
    const prod = config.environments.prod!;
    const vpc = prod.regions!["us-east-1"]!.vpc;
    prod.regions = { "us-east-1": { vpc, ec2Capacity: { instanceType: "c7g.large" } }, "eu-west-1": { vpc } };
    const p = planValid(config);
    expect(architectures(p)).toEqual({ "us-east-1/api": "ARM64", "eu-west-1/api": "X86_64" });
  });

  test("hostile: an architecture other than X86_64 or ARM64 is a config error naming the path", () => {
    expect(() => planValid(singleEnvironment({ api: { image: IMAGE, desiredCount: 1, runtimePlatform: { cpuArchitecture: "arm64" as never } } }))).toThrow(/services\.api\.runtimePlatform\.cpuArchitecture/);
  });
});
