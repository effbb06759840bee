import { ecsClusterArn, ecsContainerInstancesArn } from "../../facts/ecs";
import { ECS_OPTIMIZED_AMI_PARAMETER, instanceArchitecture } from "../../facts/ec2-architecture";
import { pullStatements } from "../iam/execution-role-plan";
import type { LocationContext } from "../model/location-context";
import { policyDocument } from "../iam/policy";
import { autoScalingGroupName, capacityProviderName, containerInstanceRoleName, containerInstanceSecurityGroupName, launchTemplateName } from "../locations/naming";
import type { Ec2CapacityPlan, ServicePlan } from "../model/plan-types";

/**
 * Container instances for an environment's EC2 services: the agent's permissions, the pulls, the
 * user data, and the ECS-optimized AMI of the instance types' architecture (docs/services.md).
 */

export function planEc2Capacity(ec2Services: readonly ServicePlan[], clusterName: string, ctx: LocationContext): Ec2CapacityPlan {
  const capacity = ctx.env.ec2Capacity;
  const cpuArchitecture = instanceArchitecture(capacity.instanceType);
  // A task of the other architecture (PG-EC2-ARCHITECTURE, core/rules/ec2-architecture.ts) or one too large
  // for the instance types (core/rules/ec2-task-fit.ts and its siblings) is judged on the plan.
  const clusterArn = ecsClusterArn(ctx.region, ctx.account, clusterName);
  const policy = policyDocument([
    {
      Sid: "RegisterWithCluster",
      Effect: "Allow",
      Action: ["ecs:DeregisterContainerInstance", "ecs:RegisterContainerInstance", "ecs:SubmitAttachmentStateChanges", "ecs:SubmitContainerStateChange", "ecs:SubmitTaskStateChange"],
      Resource: clusterArn,
    },
    {
      Sid: "PollForWork",
      Effect: "Allow",
      Action: ["ecs:Poll", "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState"],
      Resource: ecsContainerInstancesArn(ctx.region, ctx.account, clusterName),
    },
    {
      // The agent tags its container instance while registering it (as the AWS managed EC2 role allows).
      Sid: "TagOnRegistration",
      Effect: "Allow",
      Action: "ecs:TagResource",
      Resource: ecsContainerInstancesArn(ctx.region, ctx.account, clusterName),
      Condition: { StringEquals: { "ecs:CreateAction": "RegisterContainerInstance" } },
    },
    // DiscoverPollEndpoint has no resource type: it can only be granted on "*".
    { Sid: "DiscoverPollEndpoint", Effect: "Allow", Action: "ecs:DiscoverPollEndpoint", Resource: "*" },
    // aws-facts.md: grant the container-instance role the pulls too (which principal the agent uses
    // when both exist is unverified).
    ...pullStatements(ec2Services),
  ]);
  const userData = [
    "#!/bin/bash",
    "cat >> /etc/ecs/ecs.config <<'ECSCONFIG'",
    `ECS_CLUSTER=${clusterName}`,
    `ECS_IMAGE_PULL_BEHAVIOR=${capacity.imagePullBehavior}`,
    // Every task here is awsvpc (modules/ecs-service.ts) and has a task role: AWS's guidance is to
    // block awsvpc tasks from the instance metadata, so no task can use the instance role (aws-facts.md).
    "ECS_AWSVPC_BLOCK_IMDS=true",
    "ECSCONFIG",
    "",
  ].join("\n");
  return {
    name: capacityProviderName(ctx.project, ctx.stackName),
    securityGroupName: containerInstanceSecurityGroupName(ctx.project, ctx.stackName),
    launchTemplateName: launchTemplateName(ctx.project, ctx.stackName),
    autoScalingGroupName: autoScalingGroupName(ctx.project, ctx.stackName),
    instanceType: capacity.instanceType,
    instanceTypePath: ctx.instanceTypePath,
    additionalInstanceTypes: capacity.additionalInstanceTypes,
    cpuArchitecture,
    minSize: capacity.minSize,
    maxSize: capacity.maxSize,
    desiredCapacity: capacity.desiredCapacity,
    imagePullBehavior: capacity.imagePullBehavior,
    amiSsmParameter: capacity.amiSsmParameter ?? ECS_OPTIMIZED_AMI_PARAMETER[cpuArchitecture],
    instanceRole: {
      name: containerInstanceRoleName(ctx.project, ctx.stackName),
      trustPolicy: policyDocument([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]),
      policy,
    },
    userData,
    // Hop limit 1 (the EC2 default): the agent runs in the host's network namespace and needs no
    // second hop; 2 would let any container that is not awsvpc reach IMDSv2 (aws-facts.md).
    instanceMetadata: { httpTokens: "required", httpPutResponseHopLimit: 1 },
  };
}
