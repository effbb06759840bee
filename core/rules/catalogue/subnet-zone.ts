import type { FindingDefinition } from "../../model/findings";

export const subnetZone: FindingDefinition = {
  id: "PG-SUBNET-ZONE",
  level: "error",
  description: "privateSubnetAvailabilityZones misses a subnet, names a zone outside the Region, or names an unknown subnet.",
  why: "Interface endpoints are placed one per Availability Zone, so every private subnet's zone must be known (docs/aws-facts.md, \"VPC endpoints\").",
  fix: "Give one zone in the Region for every private subnet and nothing else.",
  suppressible: false,
};
