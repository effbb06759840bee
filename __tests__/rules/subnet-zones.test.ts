/**
 * The private subnets' Availability Zones (core/rules/subnet-zones.ts): given at all, they must
 * cover every private subnet, lie in the stack's Region and name no other subnet.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { subnetZone } from "../../core/rules/subnet-zone";
import { findingsOf, OWN_IMAGE, platform, VPC } from "./rule-cases";

const A = "subnet-0000000a";
const B = "subnet-0000000b";
const ZONES = "environments.prod.regions.us-east-1.vpc.privateSubnetAvailabilityZones";
const zoned = (privateSubnetIds: string[], zones?: Record<string, string>) =>
  platform({ web: { image: OWN_IMAGE, desiredCount: 1 } }, { regions: { "us-east-1": { vpc: { ...VPC, privateSubnetIds, ...(zones ? { privateSubnetAvailabilityZones: zones } : {}) } } } });
const lines = (config: PlatformConfigInput) => findingsOf(config, subnetZone).map((f) => `${f.level} ${f.stack ?? "-"} ${f.path}: ${f.message}`);

describe("private subnets' zones", () => {
  test("no zones given: nothing to judge", () => {
    expect(lines(zoned([A, B]))).toEqual([]);
  });

  test("two subnets in two zones of the Region", () => {
    expect(lines(zoned([A, B], { [A]: "us-east-1a", [B]: "us-east-1b" }))).toEqual([]);
  });

  test("a subnet without a zone, one in another Region and one not listed: one error each, in path order", () => {
    expect(lines(zoned([A, B], { [A]: "us-west-2a", "subnet-0000000c": "us-east-1c" }))).toEqual([
      `error prod ${ZONES}: has no Availability Zone for ${B}; give one for every private subnet`,
      `error prod ${ZONES}.${A}: is us-west-2a, which is not in us-east-1`,
      `error prod ${ZONES}.subnet-0000000c: names a subnet that is not in privateSubnetIds`,
    ]);
  });

  test("an empty zone map misses every private subnet", () => {
    expect(lines(zoned([A, B], {}))).toEqual([
      `error prod ${ZONES}: has no Availability Zone for ${A}; give one for every private subnet`,
      `error prod ${ZONES}: has no Availability Zone for ${B}; give one for every private subnet`,
    ]);
  });
});
