import { TerraformVariable, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { imageString } from "../core/images";
import type { ServicePlan } from "../core/model";
import { containerDefinition } from "./container-definitions";
import { PullFailureAlarm } from "./pull-failure-events";
import { ServiceAutoscaling } from "./service-autoscaling";
import { TaskRole } from "./task-role";
import { jsonDocument } from "./json-document";

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

/**
 * One ECS service: log group, task definition (literal JSON container definitions a reviewer can
 * read), task security group, the service's pull-failure rule and alarm, and the service with the
 * rollout percents the pull budget chose, rolling back on that alarm (and on the circuit breaker).
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

    const production = service.production;
    const taskRoleArn =
      production.taskRole?.mode === "existing"
        ? production.taskRole.arn
        : production.taskRole?.mode === "create"
          ? new TaskRole(this, "task-role", { role: production.taskRole, service: service.name }).arn
          : undefined;
    const taskDefinition = new EcsTaskDefinition(this, "task-definition", {
      family: service.taskFamily,
      requiresCompatibilities: [service.launchType],
      networkMode: "awsvpc",
      cpu: String(service.cpu),
      memory: String(service.memory),
      executionRoleArn: props.executionRoleArn,
      ...(taskRoleArn ? { taskRoleArn } : {}),
      // Only for ARM64: X86_64 is what ECS assumes, and adding the block to an existing task definition
      // would replace it (a new revision, a deployment) for no change.
      ...(production.cpuArchitecture === "ARM64" ? { runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "ARM64" } } : {}),
      ...(production.ephemeralStorageGiB !== undefined ? { ephemeralStorage: { sizeInGib: production.ephemeralStorageGiB } } : {}),
      containerDefinitions: jsonDocument(definitions),
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

    const deployment = production.deployment;
    const pullFailures = new PullFailureAlarm(this, "pull-failures", { alarm: deployment.pullFailureAlarm, serviceName: service.name });
    const strategy = production.capacityProviderStrategy ?? (props.capacityProviderName ? [{ capacityProvider: props.capacityProviderName, base: 0, weight: 1 }] : undefined);
    const ecsService = new EcsService(this, "service", {
      name: service.name,
      cluster: props.clusterArn,
      taskDefinition: taskDefinition.arn,
      desiredCount: service.desiredCount,
      ...(strategy
        ? { capacityProviderStrategy: strategy.map((s) => ({ capacityProvider: s.capacityProvider, ...(s.base > 0 ? { base: s.base } : {}), weight: s.weight })) }
        : { launchType: service.launchType }),
      ...(production.platformVersion ? { platformVersion: production.platformVersion } : {}),
      deploymentMinimumHealthyPercent: service.rollout.minimumHealthyPercent,
      deploymentMaximumPercent: service.rollout.maximumPercent,
      // ROLLING and BLUE_GREEN get the circuit breaker; every strategy rolls back on the pull-failure alarm (core/services/pull-failure-alarm.ts).
      deploymentCircuitBreaker: { enable: deployment.circuitBreaker.enabled, rollback: deployment.circuitBreaker.enabled },
      ...(deployment.strategy !== "ROLLING"
        ? {
            deploymentConfiguration: {
              strategy: deployment.strategy,
              bakeTimeInMinutes: String(deployment.bakeTimeMinutes),
              ...(deployment.linear ? { linearConfiguration: { stepPercent: deployment.linear.stepPercent, stepBakeTimeInMinutes: String(deployment.linear.stepBakeTimeMinutes) } } : {}),
              ...(deployment.canary ? { canaryConfiguration: { canaryPercent: deployment.canary.percent, canaryBakeTimeInMinutes: String(deployment.canary.bakeTimeMinutes) } } : {}),
              ...(deployment.lifecycleHooks.length > 0
                ? { lifecycleHook: deployment.lifecycleHooks.map((h) => ({ hookTargetArn: h.targetArn, roleArn: h.roleArn, lifecycleStages: [...h.stages] })) }
                : {}),
            },
          }
        : {}),
      alarms: { alarmNames: [...deployment.rollbackAlarms.names], enable: true, rollback: deployment.rollbackAlarms.rollback },
      ...(production.loadBalancers.length > 0
        ? {
            loadBalancer: production.loadBalancers.map((lb) => ({
              targetGroupArn: lb.targetGroupArn,
              containerName: lb.containerName,
              containerPort: lb.containerPort,
              ...(lb.advanced ? { advancedConfiguration: { ...lb.advanced } } : {}),
            })),
          }
        : {}),
      ...(service.healthCheckGracePeriodSeconds !== undefined ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds } : {}),
      enableExecuteCommand: production.enableExecuteCommand,
      availabilityZoneRebalancing: production.availabilityZoneRebalancing,
      networkConfiguration: { subnets: [...props.subnetIds], securityGroups: [securityGroup.id], assignPublicIp: false },
      propagateTags: "SERVICE",
      enableEcsManagedTags: true,
      // Application Auto Scaling owns the task count once the service exists.
      ...(production.autoscaling ? { lifecycle: { ignoreChanges: ["desired_count"] } } : {}),
      // The alarm ECS watches exists before the service names it.
      dependsOn: [...(props.dependsOn ?? []), pullFailures.alarm],
    });
    if (production.autoscaling) new ServiceAutoscaling(this, "autoscaling", { plan: production.autoscaling, serviceName: service.name, service: ecsService });
  }
}

