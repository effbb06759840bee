/**
 * The EC2 capacity findings on each Region's container instances
 * (core/rules/ec2-*.ts, core/locations/region-settings.ts): for each id, a config that
 * comes close without emitting it and one that emits exactly it, at a hand-written path with the
 * catalogued level. m6i.large: 2 vCPU (2048 CPU units), 8192 MiB; the headroom is 5% (7782 MiB at most).
 */
import { emitted, OWN_IMAGE, platform, VPC } from "./rule-cases";

const SERVICE = "environments.prod.services.web";
type Capacity = { instanceType?: string; additionalInstanceTypes?: string[]; minSize?: number; maxSize?: number; desiredCapacity?: number };
const onEc2 = (task: { cpu?: number; memory?: number }, ec2Capacity: Capacity = { instanceType: "m6i.large" }, env: Record<string, unknown> = {}) =>
  platform({ web: { image: OWN_IMAGE, desiredCount: 1, launchType: "EC2", ...task } }, { ec2Capacity, ...env });

describe("PG-EC2-MEMORY-HEADROOM (warning)", () => {
  test("compliant: 7782 MiB, 95% of 8192 rounded down", () => {
    expect(emitted(onEc2({ memory: 7782 }), "PG-EC2-MEMORY-HEADROOM")).toEqual([]);
  });
  test("non-compliant: 7783 MiB", () => {
    expect(emitted(onEc2({ memory: 7783 }), "PG-EC2-MEMORY-HEADROOM")).toEqual([["warning", `${SERVICE}.memory`]]);
  });
});

describe("PG-EC2-TASK-NEVER-FITS (error)", () => {
  test("compliant: 2048 CPU units, all of one m6i.large", () => {
    expect(emitted(onEc2({ cpu: 2048 }), "PG-EC2-TASK-NEVER-FITS")).toEqual([]);
  });
  test("non-compliant: 4096 CPU units on m6i.large only", () => {
    expect(emitted(onEc2({ cpu: 4096 }), "PG-EC2-TASK-NEVER-FITS")).toEqual([["error", `${SERVICE}.cpu`]]);
  });
});

const mixed = { instanceType: "m6i.large", additionalInstanceTypes: ["m6i.xlarge"] };

describe("PG-EC2-TASK-FIT (warning)", () => {
  test("compliant: 2048 CPU units fit both types of the group", () => {
    expect(emitted(onEc2({ cpu: 2048 }, mixed), "PG-EC2-TASK-FIT")).toEqual([]);
  });
  test("non-compliant: 4096 CPU units fit m6i.xlarge but not m6i.large", () => {
    expect(emitted(onEc2({ cpu: 4096 }, mixed), "PG-EC2-TASK-FIT")).toEqual([["warning", `${SERVICE}.cpu`]]);
  });
});

describe("PG-EC2-SIZE-UNCHECKED (warning)", () => {
  test("compliant: a type in the instance table", () => {
    expect(emitted(onEc2({}), "PG-EC2-SIZE-UNCHECKED")).toEqual([]);
  });
  test("non-compliant: m6i.metal, which the table does not claim to know", () => {
    expect(emitted(onEc2({}, { instanceType: "m6i.metal" }), "PG-EC2-SIZE-UNCHECKED")).toEqual([["warning", "environments.prod.ec2Capacity.instanceType"]]);
  });
});

// The environment's capacity is minSize 1, maxSize 4, desiredCapacity 2; a Region overrides one field.
const regionCapacity = (ec2Capacity: Capacity) => onEc2({}, { instanceType: "m6i.large", minSize: 1, maxSize: 4, desiredCapacity: 2 }, { regions: { "us-east-1": { vpc: VPC, ec2Capacity } } });

describe("PG-EC2-CAPACITY-SIZE (error)", () => {
  test("compliant: a Region's desiredCapacity equal to the environment's maxSize", () => {
    expect(emitted(regionCapacity({ desiredCapacity: 4 }), "PG-EC2-CAPACITY-SIZE")).toEqual([]);
  });
  test("non-compliant: a Region's desiredCapacity above the environment's maxSize", () => {
    expect(emitted(regionCapacity({ desiredCapacity: 5 }), "PG-EC2-CAPACITY-SIZE")).toEqual([["error", "environments.prod.regions.us-east-1.ec2Capacity.desiredCapacity"]]);
  });
});
