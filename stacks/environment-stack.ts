import type { Construct } from "constructs";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import { EcsClusterCapacityProviders } from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers";
import type { BackendPlan, EnvironmentPlan, Finding } from "../core/model";
import { Ec2Capacity } from "../modules/ec2-capacity";
import { PullguardEcsService } from "../modules/ecs-service";
import { ExecutionRole } from "../modules/execution-role";
import { PullFailureEvents } from "../modules/pull-failure-events";
import { VpcEndpoints } from "../modules/vpc-endpoints";
import { PullguardStack } from "./pullguard-stack";
import type { OutputStamp } from "../core/report";

/**
 * One environment in one Region: VPC endpoints, execution roles, the cluster, its services and,
 * when a service asks for it, EC2 capacity. Images are the private ECR URIs of the registry stack
 * of the same account and Region, referred to by name only.
 */
export class EnvironmentStack extends PullguardStack {
  constructor(scope: Construct, plan: EnvironmentPlan, backend: BackendPlan, project: string, warnings: readonly Finding[], stamp?: OutputStamp) {
    super(scope, plan.stackName, {
      account: plan.account,
      region: plan.region,
      access: plan.access,
      backend,
      project,
      environment: plan.environment,
      tags: plan.tags,
      warnings,
      ...(stamp !== undefined ? { stamp } : {}),
    });

    new VpcEndpoints(this, "vpc-endpoints", {
      name: plan.stackName,
      securityGroupName: plan.endpointSecurityGroupName,
      vpcId: plan.vpc.id,
      vpcCidr: plan.vpc.cidr,
      subnetIds: plan.vpc.endpointSubnetIds,
      routeTableIds: plan.vpc.endpointRouteTableIds,
      endpoints: plan.endpoints,
    });

    const cluster = plan.createCluster
      ? new EcsCluster(this, "cluster", { name: plan.clusterName, setting: [{ name: "containerInsights", value: plan.containerInsights }] })
      : undefined;

    let capacityProviderName: string | undefined;
    let capacityAttachment: EcsClusterCapacityProviders | undefined;
    if (plan.ec2Capacity && cluster) {
      const capacity = new Ec2Capacity(this, "ec2-capacity", { capacity: plan.ec2Capacity, vpcId: plan.vpc.id, subnetIds: plan.vpc.privateSubnetIds });
      capacityProviderName = capacity.capacityProviderName;
    }
    // A service's capacity provider strategy may only name providers attached to the cluster.
    const usesSpot = plan.services.some((s) => s.production.capacityProviderStrategy?.some((p) => p.capacityProvider === "FARGATE_SPOT"));
    if (cluster && (capacityProviderName || usesSpot)) {
      capacityAttachment = new EcsClusterCapacityProviders(this, "cluster-capacity-providers", {
        clusterName: cluster.name,
        capacityProviders: ["FARGATE", ...(usesSpot ? ["FARGATE_SPOT"] : []), ...(capacityProviderName ? [capacityProviderName] : [])],
      });
    }

    const roleArns = new Map<string, string>();
    for (const role of plan.executionRoles) {
      roleArns.set(role.name, new ExecutionRole(this, `execution-role-${role.name}`, { role }).arn);
    }

    for (const service of plan.services) {
      new PullguardEcsService(this, `service-${service.name}`, {
        service,
        stackName: plan.stackName,
        region: plan.region,
        clusterArn: cluster?.arn ?? plan.clusterArn,
        executionRoleArn: roleArns.get(service.executionRoleName)!,
        vpcId: plan.vpc.id,
        vpcCidr: plan.vpc.cidr,
        subnetIds: plan.vpc.privateSubnetIds,
        ...(service.launchType === "EC2" && capacityProviderName ? { capacityProviderName } : {}),
        ...(capacityAttachment && (service.launchType === "EC2" || service.production.capacityProviderStrategy) ? { dependsOn: [capacityAttachment] } : {}),
      });
    }

    if (plan.pullFailureEvents && plan.alertTopicArn) {
      new PullFailureEvents(this, "pull-failure-events", {
        name: plan.pullFailureRuleName,
        eventPattern: plan.pullFailureEventPattern,
        topicArn: plan.alertTopicArn,
      });
    }
  }
}
