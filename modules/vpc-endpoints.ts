import { Construct } from "constructs";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { jsonDocument } from "./json-document";
import type { EndpointPlan } from "../core/model";

export interface VpcEndpointsProps {
  /** Prefix of the endpoints' Name tags. */
  readonly name: string;
  readonly securityGroupName: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetIds: readonly string[];
  readonly routeTableIds: readonly string[];
  readonly endpoints: readonly EndpointPlan[];
}

/**
 * Private image pulls: ECR API, ECR Docker and the S3 gateway are all needed, or layer downloads
 * still leave through NAT (aws-facts.md), plus the endpoints the services' features need.
 */
export class VpcEndpoints extends Construct {
  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const created = props.endpoints.filter((e) => e.mode === "create");
    const interfaces = created.filter((e) => e.type === "Interface");
    let securityGroupId: string | undefined;
    if (interfaces.length > 0) {
      const group = new SecurityGroup(this, "endpoint-security-group", {
        name: props.securityGroupName,
        description: "Interface VPC endpoints: HTTPS from inside the VPC only",
        vpcId: props.vpcId,
      });
      new VpcSecurityGroupIngressRule(this, "https-from-vpc", {
        securityGroupId: group.id,
        description: "HTTPS from the VPC",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: props.vpcCidr,
      });
      securityGroupId = group.id;
    }
    for (const endpoint of created) {
      const common = { vpcId: props.vpcId, serviceName: endpoint.serviceName, vpcEndpointType: endpoint.type, ...(endpoint.policy ? { policy: jsonDocument(endpoint.policy) } : {}) };
      new VpcEndpoint(this, endpoint.service, endpoint.type === "Gateway"
        ? { ...common, routeTableIds: [...props.routeTableIds], tags: { Name: `${props.name}-${endpoint.service}` } }
        : { ...common, privateDnsEnabled: true, subnetIds: [...props.subnetIds], securityGroupIds: [securityGroupId!], tags: { Name: `${props.name}-${endpoint.service}` } });
    }
  }
}
