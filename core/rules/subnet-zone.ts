import type { EnvironmentPlan } from "../model/plan-types";
import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";

/**
 * Interface endpoints are placed one per Availability Zone, so when the config gives the private
 * subnets' zones (vpc.privateSubnetAvailabilityZones, recorded on the plan), every private subnet
 * needs one, in the stack's Region, and no other subnet may be named.
 */
function zoneProblems(env: EnvironmentPlan): RuleViolation[] {
  const zones = env.vpc.privateSubnetAvailabilityZones;
  if (zones === undefined) return [];
  const path = `environments.${env.environment}.regions.${env.region}.vpc.privateSubnetAvailabilityZones`;
  const stack = env.stackName;
  const known = new Set(Object.keys(zones));
  const listed = new Set(env.vpc.privateSubnetIds);
  return [
    ...env.vpc.privateSubnetIds.flatMap((subnet) => {
      if (!known.has(subnet)) return [{ path, message: `has no Availability Zone for ${subnet}; give one for every private subnet`, stack }];
      const zone = zones[subnet]!;
      return zone.startsWith(env.region) ? [] : [{ path: `${path}.${subnet}`, message: `is ${zone}, which is not in ${env.region}`, stack }];
    }),
    ...[...known].filter((subnet) => !listed.has(subnet)).map((subnet) => ({ path: `${path}.${subnet}`, message: "names a subnet that is not in privateSubnetIds", stack })),
  ];
}

export const subnetZone: Rule = {
  definition: catalogue.subnetZone,
  check: ({ plan }) => plan.environments.flatMap(zoneProblems),
};
