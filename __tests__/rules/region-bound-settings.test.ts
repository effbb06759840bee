/**
 * Region-bound settings judged on the plan: an existing endpoint id at the environment level of a
 * multi-Region environment (core/rules/endpoint-ids.ts), and a Region's EC2 capacity merged over
 * the environment's (core/rules/ec2-capacity-size.ts).
 */
import type { PlatformConfigInput } from "../../config/schema";
import { ec2CapacitySize } from "../../core/rules/ec2-capacity-size";
import { endpointIdMultiRegion } from "../../core/rules/endpoint-id-multi-region";
import type { Rule } from "../../core/rules/rule";
import { findingsOf, OWN_IMAGE, platform, SECOND_VPC, VPC } from "./rule-cases";

const web = { web: { image: OWN_IMAGE, desiredCount: 1 } };
const ID = { existingId: "vpce-0a1b2c3d4e5f60718" };
const lines = (config: PlatformConfigInput, rule: Rule) => findingsOf(config, rule).map((f) => `${f.level} ${f.stack ?? "-"} ${f.path}: ${f.message}`);

describe("existing endpoint ids at the environment level", () => {
  const threeRegions = { regions: { "us-east-1": { vpc: VPC }, "us-west-2": { vpc: SECOND_VPC }, "eu-west-1": { vpc: VPC } } };

  test("one Region: the id is that Region's", () => {
    expect(lines(platform(web, { endpoints: { s3: ID } }), endpointIdMultiRegion)).toEqual([]);
  });

  test("three Regions: one error per key for the environment, not one per stack", () => {
    expect(lines(platform(web, { endpoints: { s3: ID, ecrApi: ID }, ...threeRegions }), endpointIdMultiRegion)).toEqual([
      "error - environments.prod.endpoints.ecrApi: is an existing endpoint id, which belongs to one VPC in one Region, but the environment runs in 3 Regions; set it under environments.prod.regions.<region>.endpoints.ecrApi",
      "error - environments.prod.endpoints.s3: is an existing endpoint id, which belongs to one VPC in one Region, but the environment runs in 3 Regions; set it under environments.prod.regions.<region>.endpoints.s3",
    ]);
  });

  test("ids set under each Region are where they belong", () => {
    const perRegion = { regions: { "us-east-1": { vpc: VPC, endpoints: { s3: ID } }, "us-west-2": { vpc: SECOND_VPC, endpoints: { s3: { existingId: "vpce-0a1b2c3d4e5f60719" } } } } };
    expect(lines(platform(web, perRegion), endpointIdMultiRegion)).toEqual([]);
  });
});

describe("a Region's EC2 capacity after merging", () => {
  const onEc2 = { web: { ...web.web, launchType: "EC2" as const } };
  const capacity = (services: Record<string, typeof web.web>, regional: Record<string, number>) =>
    platform(services, { ec2Capacity: { instanceType: "m6i.large", minSize: 3, maxSize: 6, desiredCapacity: 4 }, regions: { "us-east-1": { vpc: VPC, ec2Capacity: regional } } });

  test("a Region's maxSize that keeps the range", () => {
    expect(lines(capacity(onEc2, { maxSize: 4 }), ec2CapacitySize)).toEqual([]);
  });

  test("maxSize below minSize, so desiredCapacity is outside the range too: both at the Region's path", () => {
    expect(lines(capacity(onEc2, { maxSize: 2 }), ec2CapacitySize)).toEqual([
      "error prod environments.prod.regions.us-east-1.ec2Capacity.desiredCapacity: must be between minSize and maxSize (after applying the environment's ec2Capacity)",
      "error prod environments.prod.regions.us-east-1.ec2Capacity.maxSize: must be at least minSize (after applying the environment's ec2Capacity)",
    ]);
  });

  test("judged even when no EC2 service plans the capacity (the Region's config is wrong all the same)", () => {
    expect(lines(capacity(web, { desiredCapacity: 7 }), ec2CapacitySize)).toEqual([
      "error prod environments.prod.regions.us-east-1.ec2Capacity.desiredCapacity: must be between minSize and maxSize (after applying the environment's ec2Capacity)",
    ]);
  });
});
