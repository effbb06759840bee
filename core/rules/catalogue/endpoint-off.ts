import type { FindingDefinition } from "../../model/findings";

export const endpointOff: FindingDefinition = {
  id: "PG-ENDPOINT-OFF",
  level: "warning",
  description: "A VPC endpoint is turned off although a service's traffic needs it.",
  why: "Without the endpoint the traffic leaves through NAT, which costs per GB and shares the NAT's IPs (docs/aws-facts.md, \"VPC endpoints\").",
  fix: "Turn the endpoint on, or suppress when NAT egress is intended.",
  suppressible: true,
};
