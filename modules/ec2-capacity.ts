import { Construct } from "constructs";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { EcsCapacityProvider } from "@cdktf/provider-aws/lib/ecs-capacity-provider";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { jsonDocument } from "./json-document";
import type { Ec2CapacityPlan } from "../core/model";

export interface Ec2CapacityProps {
  readonly capacity: Ec2CapacityPlan;
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
}

/**
 * Container instances for EC2 services: a launch template whose user data sets ECS_CLUSTER,
 * ECS_IMAGE_PULL_BEHAVIOR (cached pulls are the point of running on EC2) and
 * ECS_AWSVPC_BLOCK_IMDS, with IMDSv2 at hop limit 1 (both from the plan), an auto scaling group
 * and the capacity provider the services use.
 */
export class Ec2Capacity extends Construct {
  readonly capacityProviderName: string;

  constructor(scope: Construct, id: string, props: Ec2CapacityProps) {
    super(scope, id);
    const { capacity } = props;
    const role = new IamRole(this, "instance-role", {
      name: capacity.instanceRole.name,
      description: "ECS container instances: register with the cluster and pull the EC2 services' images",
      assumeRolePolicy: jsonDocument(capacity.instanceRole.trustPolicy),
    });
    new IamRolePolicy(this, "instance-policy", { name: "ecs-agent-and-image-pulls", role: role.name, policy: jsonDocument(capacity.instanceRole.policy) });
    const profile = new IamInstanceProfile(this, "instance-profile", { name: capacity.instanceRole.name, role: role.name });
    const securityGroup = new SecurityGroup(this, "instance-security-group", {
      name: capacity.securityGroupName,
      description: "ECS container instances (tasks use awsvpc and their own groups)",
      vpcId: props.vpcId,
    });
    new VpcSecurityGroupEgressRule(this, "instance-egress", {
      securityGroupId: securityGroup.id,
      description: "ECS agent, image pulls, updates",
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
    });
    const template = new LaunchTemplate(this, "launch-template", {
      name: capacity.launchTemplateName,
      description: `ECS container instances (${capacity.cpuArchitecture}), ECS_IMAGE_PULL_BEHAVIOR=${capacity.imagePullBehavior}`,
      // Resolved by EC2 at launch, so synth needs no AWS call and instances get the current AMI.
      imageId: `resolve:ssm:${capacity.amiSsmParameter}`,
      instanceType: capacity.instanceType,
      iamInstanceProfile: { arn: profile.arn },
      vpcSecurityGroupIds: [securityGroup.id],
      metadataOptions: { httpTokens: capacity.instanceMetadata.httpTokens, httpPutResponseHopLimit: capacity.instanceMetadata.httpPutResponseHopLimit, httpEndpoint: "enabled" },
      userData: Buffer.from(capacity.userData, "utf8").toString("base64"),
      updateDefaultVersion: true,
    });
    const group = new AutoscalingGroup(this, "auto-scaling-group", {
      name: capacity.autoScalingGroupName,
      minSize: capacity.minSize,
      maxSize: capacity.maxSize,
      desiredCapacity: capacity.desiredCapacity,
      vpcZoneIdentifier: [...props.subnetIds],
      // One launch template (one AMI) for every instance type: the plan refuses mixed architectures.
      ...(capacity.additionalInstanceTypes.length > 0
        ? {
            mixedInstancesPolicy: {
              launchTemplate: {
                launchTemplateSpecification: { launchTemplateId: template.id, version: "$Latest" },
                override: [capacity.instanceType, ...capacity.additionalInstanceTypes].map((instanceType) => ({ instanceType })),
              },
            },
          }
        : { launchTemplate: { id: template.id, version: "$Latest" } }),
      tag: [{ key: "AmazonECSManaged", value: "true", propagateAtLaunch: true }],
      // The capacity provider's managed scaling owns the instance count after creation.
      lifecycle: { ignoreChanges: ["desired_capacity"] },
    });
    const provider = new EcsCapacityProvider(this, "capacity-provider", {
      name: capacity.name,
      autoScalingGroupProvider: {
        autoScalingGroupArn: group.arn,
        managedTerminationProtection: "DISABLED",
        managedScaling: { status: "ENABLED", targetCapacity: 100 },
      },
    });
    this.capacityProviderName = provider.name;
  }
}
