import { TerraformVariable, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { imageString } from "../core/images";
import type { ContainerPlan, ServicePlan } from "../core/plan-types";
import { byCodePoint } from "../core/sort";

export interface EcsServiceProps {
  readonly service: ServicePlan;
  readonly stackName: string;
  readonly region: string;
  readonly clusterArn: string;
  readonly executionRoleArn: string;
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly subnetIds: readonly string[];
  /** EC2 services run on this capacity provider instead of a launch type. */
  readonly capacityProviderName?: string;
  /** The capacity provider must be attached to the cluster before a service can use it. */
  readonly dependsOn?: ITerraformDependable[];
}

/** Docker's tag grammar, minus `latest`: the variable's validation refuses it at plan time. */
const TAG_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";

function containerDefinition(container: ContainerPlan, image: string, logGroup: string, region: string) {
  return {
    name: container.name,
    image,
    essential: container.essential,
    ...(container.port !== undefined ? { portMappings: [{ containerPort: container.port, protocol: "tcp" }] } : {}),
    environment: Object.entries(container.environment).sort(([a], [b]) => byCodePoint(a, b)).map(([name, value]) => ({ name, value })),
    secrets: Object.entries(container.secrets).sort(([a], [b]) => byCodePoint(a, b)).map(([name, valueFrom]) => ({ name, valueFrom })),
    ...(container.repositoryCredentialsArn ? { repositoryCredentials: { credentialsParameter: container.repositoryCredentialsArn } } : {}),
    logConfiguration: {
      logDriver: "awslogs",
      options: { "awslogs-group": logGroup, "awslogs-region": region, "awslogs-stream-prefix": container.name },
    },
  };
}

/**
 * One ECS service: log group, task definition (literal JSON container definitions a reviewer can
 * read), task security group, and the service with the rollout percents the pull budget chose and
 * a circuit breaker that rolls back.
 */
export class PullguardEcsService extends Construct {
  constructor(scope: Construct, id: string, props: EcsServiceProps) {
    super(scope, id);
    const { service } = props;
    const logGroup = new CloudwatchLogGroup(this, "logs", { name: service.logGroupName, retentionInDays: service.logRetentionDays });

    const definitions = service.containers.map((container) => {
      let tag: string | undefined;
      if (container.tagVariable) {
        const variable = new TerraformVariable(this, container.tagVariable.name, {
          type: "string",
          default: container.tagVariable.default,
          description: `Image tag of ${service.name} in ${props.stackName} (-var ${container.tagVariable.name}=<tag>); latest is refused`,
          validation: [
            {
              condition: `\${var.${container.tagVariable.name} != "latest" && can(regex("${TAG_PATTERN}", var.${container.tagVariable.name}))}`,
              errorMessage: `${container.tagVariable.name} must be a Docker tag other than latest: pin the version each task of a rollout runs.`,
            },
          ],
        });
        variable.overrideLogicalId(container.tagVariable.name);
        tag = variable.stringValue;
      }
      return containerDefinition(container, imageString(container.image, tag), service.logGroupName, props.region);
    });

    const taskDefinition = new EcsTaskDefinition(this, "task-definition", {
      family: service.taskFamily,
      requiresCompatibilities: [service.launchType],
      networkMode: "awsvpc",
      cpu: String(service.cpu),
      memory: String(service.memory),
      executionRoleArn: props.executionRoleArn,
      containerDefinitions: JSON.stringify(definitions),
      dependsOn: [logGroup],
    });

    const securityGroup = new SecurityGroup(this, "task-security-group", {
      name: service.securityGroupName,
      description: `Tasks of ${service.name}`,
      vpcId: props.vpcId,
    });
    new VpcSecurityGroupEgressRule(this, "egress", {
      securityGroupId: securityGroup.id,
      description: "Image pulls, logs and dependencies (VPC endpoints or NAT)",
      ipProtocol: "-1",
      cidrIpv4: "0.0.0.0/0",
    });
    for (const port of [...new Set(service.containers.flatMap((c) => (c.port !== undefined ? [c.port] : [])))].sort((a, b) => a - b)) {
      new VpcSecurityGroupIngressRule(this, `ingress-${port}`, {
        securityGroupId: securityGroup.id,
        description: `Port ${port} from the VPC`,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv4: props.vpcCidr,
      });
    }

    new EcsService(this, "service", {
      name: service.name,
      cluster: props.clusterArn,
      taskDefinition: taskDefinition.arn,
      desiredCount: service.desiredCount,
      ...(props.capacityProviderName
        ? { capacityProviderStrategy: [{ capacityProvider: props.capacityProviderName, weight: 1 }] }
        : { launchType: service.launchType }),
      deploymentMinimumHealthyPercent: service.rollout.minimumHealthyPercent,
      deploymentMaximumPercent: service.rollout.maximumPercent,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
      networkConfiguration: { subnets: [...props.subnetIds], securityGroups: [securityGroup.id], assignPublicIp: false },
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
    });
  }
}

