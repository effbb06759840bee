/**
 * EC2 task size against the capacity's instance types: a task larger than the instance never
 * starts. Sizes are from the EC2 instance type specifications, written out by hand
 * (docs/aws-facts.md); limits: 1024 CPU units per vCPU, installed memory minus ECS_RESERVED_MEMORY
 * (0), and a 5% headroom warning below that.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { instanceSize } from "../../facts/ec2-instance-types";
import type { Finding, PlatformPlan } from "../../core/model/plan-types";
import { SERVICE_ACCOUNT, planValid, singleEnvironment, type EnvironmentInput, type ServiceInput } from "../helpers/service-config";

const IMAGE = `${SERVICE_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/cache:1.0.0`;
const PATH = "environments.prod.services.cache";

function plan(task: { cpu?: number; memory?: number }, env: Partial<EnvironmentInput> = {}, launchType: ServiceInput["launchType"] = "EC2"): PlatformPlan {
  return planValid(singleEnvironment({ cache: { image: IMAGE, desiredCount: 1, launchType, ...task } }, env));
}

const errors = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "error");
const sizeFindings = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "error" || (f.rule ?? "").startsWith("PG-EC2-"));

describe("instance table", () => {
  it.each([
    ["m6i.large", 2, 8192],
    ["m6i.xlarge", 4, 16384],
    ["c7g.large", 2, 4096],
    ["c5.9xlarge", 36, 73728],
    ["r7g.medium", 1, 8192],
    ["m7i-flex.2xlarge", 8, 32768],
    ["r6i.48xlarge", 192, 1572864],
    ["t3.micro", 2, 1024],
    ["t4g.nano", 2, 512],
    ["t3a.2xlarge", 8, 32768],
  ])("%s has %i vCPU and %i MiB", (type, vcpus, memoryMiB) => {
    expect(instanceSize(type)).toEqual({ vcpus, memoryMiB });
  });

  it.each(["m6i.medium", "m6i.metal", "c5n.large", "x2gd.large", "g5.xlarge", "t3.4xlarge", "m6i.0xlarge"])("does not claim to know %s", (type) => {
    expect(instanceSize(type)).toBeUndefined();
  });
});

describe("task memory on m6i.large (8192 MiB installed)", () => {
  it("accepts 7782 MiB (95% of 8192, rounded down) without a finding", () => {
    expect(sizeFindings(plan({ memory: 7782 }))).toEqual([]);
  });

  it("warns PG-EC2-MEMORY-HEADROOM from 7783 MiB", () => {
    expect(sizeFindings(plan({ memory: 7783 }))).toEqual([
      {
        level: "warning",
        path: `${PATH}.memory`,
        message:
          "is 7783 MiB, within 5% of the 8192 MiB one m6i.large instance has: the agent registers less than installed (kernel and platform overhead), so the task may never be placed; keep it at most 7782 MiB or pick a larger type",
        stack: "prod",
        rule: "PG-EC2-MEMORY-HEADROOM",
      },
    ]);
  });

  it("does not refuse exactly the installed 8192 MiB (it only warns)", () => {
    const p = plan({ memory: 8192 });
    expect(errors(p)).toEqual([]);
    expect(sizeFindings(p).map((f) => f.rule)).toEqual(["PG-EC2-MEMORY-HEADROOM"]);
  });

  it("refuses 8193 MiB, one over, naming the numbers", () => {
    expect(errors(plan({ memory: 8193 }))).toEqual([
      {
        level: "error",
        rule: "PG-EC2-TASK-NEVER-FITS",
        path: `${PATH}.memory`,
        message: "is 8193 MiB, more than the 8192 MiB one m6i.large instance offers (8192 MiB installed minus ECS_RESERVED_MEMORY 0): ECS can never place the task",
        stack: "prod",
      },
    ]);
  });

  it("checks a Region's own instance type", () => {
    const config = singleEnvironment({ cache: { image: IMAGE, desiredCount: 1, launchType: "EC2", memory: 4097 } });
    const region = config.environments.prod!.regions["us-east-1"]!;
    config.environments.prod!.regions["us-east-1"] = { ...region, ec2Capacity: { instanceType: "c7g.large" } };
    // The Graviton capacity needs an ARM64 task.
    config.environments.prod!.services!.cache!.runtimePlatform = { cpuArchitecture: "ARM64" };
    expect(errors(planValid(config))).toEqual([
      {
        level: "error",
        rule: "PG-EC2-TASK-NEVER-FITS",
        path: `${PATH}.memory`,
        message: "is 4097 MiB, more than the 4096 MiB one c7g.large instance offers (4096 MiB installed minus ECS_RESERVED_MEMORY 0): ECS can never place the task",
        stack: "prod",
      },
    ]);
  });
});

describe("task cpu on m6i.large (2 vCPU)", () => {
  it("accepts 2048 CPU units, exactly the instance", () => {
    expect(sizeFindings(plan({ cpu: 2048 }))).toEqual([]);
  });

  it("refuses 2049 CPU units, one over", () => {
    expect(errors(plan({ cpu: 2049 }))).toEqual([
      {
        level: "error",
        rule: "PG-EC2-TASK-NEVER-FITS",
        path: `${PATH}.cpu`,
        message: "is 2049 CPU units, more than the 2048 one m6i.large instance registers (2 vCPU x 1024): ECS can never place the task",
        stack: "prod",
      },
    ]);
  });

  it("reports cpu and memory both when both are over", () => {
    expect(errors(plan({ cpu: 4096, memory: 16384 })).map((f) => f.path)).toEqual([`${PATH}.cpu`, `${PATH}.memory`]);
  });
});

describe("mixed instances and unknown types", () => {
  it("warns PG-EC2-TASK-FIT when the task fits only the larger type of the group", () => {
    const p = plan({ memory: 9000 }, { ec2Capacity: { instanceType: "m6i.large", additionalInstanceTypes: ["m6i.xlarge"] } });
    expect(sizeFindings(p)).toEqual([
      {
        level: "warning",
        path: `${PATH}.memory`,
        message: "is 9000 MiB, more than the 8192 MiB one m6i.large instance offers (8192 MiB installed minus ECS_RESERVED_MEMORY 0): the group can launch m6i.large instances this task cannot use",
        stack: "prod",
        rule: "PG-EC2-TASK-FIT",
      },
    ]);
  });

  it("refuses a task that fits no type of the group, once per type", () => {
    const p = plan({ memory: 20000 }, { ec2Capacity: { instanceType: "m6i.large", additionalInstanceTypes: ["m6i.xlarge"] } });
    expect(errors(p).map((f) => f.message)).toEqual([
      "is 20000 MiB, more than the 16384 MiB one m6i.xlarge instance offers (16384 MiB installed minus ECS_RESERVED_MEMORY 0): ECS can never place the task",
      "is 20000 MiB, more than the 8192 MiB one m6i.large instance offers (8192 MiB installed minus ECS_RESERVED_MEMORY 0): ECS can never place the task",
    ]);
  });

  it("says an unknown type is not checked, and refuses nothing on it", () => {
    const p = plan({ memory: 100000 }, { ec2Capacity: { instanceType: "m6i.metal" } });
    expect(sizeFindings(p)).toEqual([
      {
        level: "warning",
        path: "environments.prod.ec2Capacity.instanceType",
        message: "m6i.metal is not in pullguard's instance table (facts/ec2-instance-types.ts): task cpu and memory are not checked against it",
        stack: "prod",
        rule: "PG-EC2-SIZE-UNCHECKED",
      },
    ]);
  });

  it("names a Region's own unknown type by its Region path", () => {
    const config = singleEnvironment({ cache: { image: IMAGE, desiredCount: 1, launchType: "EC2" } });
    const region = config.environments.prod!.regions["us-east-1"]!;
    config.environments.prod!.regions["us-east-1"] = { ...region, ec2Capacity: { instanceType: "z1d.large" } };
    expect(sizeFindings(planValid(config)).map((f) => [f.path, f.rule])).toEqual([["environments.prod.regions.us-east-1.ec2Capacity.instanceType", "PG-EC2-SIZE-UNCHECKED"]]);
  });

  it("only warns when an unknown type in the group might still fit", () => {
    const p = plan({ memory: 9000 }, { ec2Capacity: { instanceType: "m6i.large", additionalInstanceTypes: ["m6i.metal"] } });
    expect(errors(p)).toEqual([]);
    expect(sizeFindings(p).map((f) => [f.path, f.rule])).toEqual([
      ["environments.prod.ec2Capacity.additionalInstanceTypes.0", "PG-EC2-SIZE-UNCHECKED"],
      [`${PATH}.memory`, "PG-EC2-TASK-FIT"],
    ]);
  });

  it("leaves Fargate services alone", () => {
    expect(sizeFindings(plan({ cpu: 4096, memory: 30720 }, { ec2Capacity: { instanceType: "t3.micro" } }, "FARGATE"))).toEqual([]);
  });
});

describe("node scripts/app.js with an EC2 task larger than its instance", () => {
  it("exits 1 with one line naming the config path and the numbers, and writes no stack", () => {
    const dir = mkdtempSync(join(tmpdir(), "pullguard-fit-"));
    try {
      const config = join(dir, "too-big.yaml");
      writeFileSync(
        config,
        `accounts:
  main: { id: "${SERVICE_ACCOUNT}" }
environments:
  prod:
    account: main
    regions:
      us-east-1:
        vpc: { id: vpc-0123456789abcdef0, cidr: 10.0.0.0/16, privateSubnetIds: [subnet-0123456789abcdef0], privateRouteTableIds: [rtb-0123456789abcdef0] }
    ec2Capacity: { instanceType: t3.small }
    services:
      cache: { image: "${IMAGE}", desiredCount: 1, launchType: EC2, memory: 2049 }
`,
      );
      const outdir = join(dir, "cdktf.out");
      const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", PULLGUARD_CONFIG: config, CDKTF_OUTDIR: outdir };
      for (const name of ["PULLGUARD_NO_CACHE", "PULLGUARD_DEBUG", "CDKTF_CONTEXT_JSON"]) delete env[name];
      const result = spawnSync(process.execPath, ["scripts/app.js"], { cwd: resolve(__dirname, "..", ".."), env, encoding: "utf8", timeout: 25_000 });
      expect(result.status).toBe(1);
      expect(result.stderr.split("\n").filter((line) => line !== "")).toEqual([
        `${PATH}.memory: is 2049 MiB, more than the 2048 MiB one t3.small instance offers (2048 MiB installed minus ECS_RESERVED_MEMORY 0): ECS can never place the task [PG-EC2-TASK-NEVER-FITS]`,
        `pullguard: 1 problem in ${config}; nothing synthesized (the pull-budget report shows why)`,
      ]);
      expect(existsSync(join(outdir, "stacks"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
