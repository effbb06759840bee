import type { VpcConfig } from "../../config/schema";
import { byCodePoint } from "../sort";

/**
 * Interface endpoints take at most one subnet per Availability Zone (aws-facts.md). With the
 * config's AZ of each subnet, the first subnet by id in each AZ is chosen; without it, every listed
 * subnet is used and must be in a distinct AZ (docs/estates.md). A subnet without a zone is left
 * out; PG-SUBNET-ZONE (core/rules/subnet-zone.ts) judges the zones the plan records.
 */
export function endpointSubnets(vpc: VpcConfig): string[] {
  const zones = vpc.privateSubnetAvailabilityZones;
  if (!zones) return [...vpc.privateSubnetIds];
  const chosen = new Map<string, string>();
  for (const subnet of vpc.privateSubnetIds) {
    const zone = zones[subnet];
    if (zone === undefined) continue;
    const current = chosen.get(zone);
    if (current === undefined || subnet < current) chosen.set(zone, subnet);
  }
  return [...chosen.entries()].sort(([a], [b]) => byCodePoint(a, b)).map(([, subnet]) => subnet);
}
