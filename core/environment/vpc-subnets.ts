import type { VpcConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import * as catalogue from "../rules/catalogue";
import { byCodePoint } from "../sort";

/**
 * Interface endpoints take at most one subnet per Availability Zone (aws-facts.md). With the
 * config's AZ of each subnet, the first subnet by id in each AZ is chosen; without it, every listed
 * subnet is used and must be in a distinct AZ (docs/estates.md).
 */
export function endpointSubnets(vpc: VpcConfig, region: string, path: string, stack: string, log: FindingLog): string[] {
  const zones = vpc.privateSubnetAvailabilityZones;
  if (!zones) return [...vpc.privateSubnetIds];
  const chosen = new Map<string, string>();
  for (const subnet of vpc.privateSubnetIds) {
    const zone = zones[subnet];
    if (zone === undefined) {
      log.report(catalogue.subnetZone, `${path}.privateSubnetAvailabilityZones`, `has no Availability Zone for ${subnet}; give one for every private subnet`, stack);
      continue;
    }
    if (!zone.startsWith(region)) log.report(catalogue.subnetZone, `${path}.privateSubnetAvailabilityZones.${subnet}`, `is ${zone}, which is not in ${region}`, stack);
    const current = chosen.get(zone);
    if (current === undefined || subnet < current) chosen.set(zone, subnet);
  }
  for (const subnet of Object.keys(zones)) {
    if (!vpc.privateSubnetIds.includes(subnet)) log.report(catalogue.subnetZone, `${path}.privateSubnetAvailabilityZones.${subnet}`, "names a subnet that is not in privateSubnetIds", stack);
  }
  return [...chosen.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([, subnet]) => subnet);
}
