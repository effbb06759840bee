import type { ServiceConfig } from "../../config/schema";
import { trustEcsTasks } from "../iam/execution-role-plan";
import { resolveImage } from "../images/images";
import type { LocationContext } from "../model/location-context";
import {
  imageTagVariableName,
  logGroupName,
  taskFamily,
  taskSecurityGroupName,
} from "../locations/naming";
import type {
  ContainerPlan,
  RolloutPlanSummary,
  ServicePlan,
} from "../model/plan-types";
import { assessService, maxStartsWithinShare, type PullProfileWithoutPercents } from "../budget";
import { circuitBreakerThreshold, concurrentStarts, widestPercentsWithinStartBudget } from "../budget/rollout";
import { containerSettings, planProduction, planStarts } from "./production";
import { taskDefinitionSize } from "./task-definition-size";
import { fleetSize } from "../budget/task-starts";
import * as catalogue from "../rules/catalogue";

/** One service of one environment stack: its containers and images, task definition checks, rollout and pull budget. */

export function servicePath(ctx: LocationContext, service: string): string {
  return `environments.${ctx.environment}.services.${service}`;
}

function planContainers(name: string, service: ServiceConfig, ctx: LocationContext): ContainerPlan[] | undefined {
  const path = servicePath(ctx, name);
  const containers: ContainerPlan[] = [];
  let failed = false;
  const main = resolveImage(service, `${path}.image`, ctx.images);
  if (!main) failed = true;
  else {
    // Only a tag without a digest can vary; PG-IMAGE-TAG-VARIABLE (core/rules/image-tag-variable.ts) judges the rest.
    const variableDefault = service.imageTagVariable && main.digest === undefined ? main.tag : undefined;
    containers.push({
      name,
      essential: true,
      image: main,
      ...(service.imageTagVariable ? { imageTagVariable: true as const } : {}),
      ...(variableDefault !== undefined ? { tagVariable: { name: imageTagVariableName(name), default: variableDefault } } : {}),
      ...(service.port !== undefined ? { port: service.port } : {}),
      environment: service.environment,
      secrets: service.secrets,
      ...(service.repositoryCredentialsArn ? { repositoryCredentialsArn: service.repositoryCredentialsArn } : {}),
      settings: containerSettings(service),
    });
  }
  for (const [sidecarName, sidecar] of Object.entries(service.sidecars)) {
    if (sidecarName === name) {
      ctx.log.report(catalogue.sidecarName, `${path}.sidecars.${sidecarName}`, "has the service's own name, which the main container uses", ctx.stackName);
      failed = true;
      continue;
    }
    const image = resolveImage(sidecar, `${path}.sidecars.${sidecarName}.image`, ctx.images);
    if (!image) {
      failed = true;
      continue;
    }
    containers.push({
      name: sidecarName,
      essential: sidecar.essential,
      image,
      ...(sidecar.port !== undefined ? { port: sidecar.port } : {}),
      environment: sidecar.environment,
      secrets: sidecar.secrets,
      ...(sidecar.repositoryCredentialsArn ? { repositoryCredentialsArn: sidecar.repositoryCredentialsArn } : {}),
      settings: containerSettings(sidecar),
    });
  }
  // dependsOn stays as written: PG-CONTAINER-REFERENCE (core/rules/container-reference.ts) judges its targets.
  return failed ? undefined : containers;
}

function pullProfile(name: string, service: ServiceConfig, containers: readonly ContainerPlan[], ctx: LocationContext) {
  return {
    stack: ctx.stackName,
    service: name,
    // The budget is checked at the largest fleet a deployment can meet: autoscaling.max.
    desiredCount: fleetSize(service.desiredCount, service.autoscaling),
    launchType: service.launchType,
    ...(service.launchType === "EC2" ? { pullBehavior: ctx.env.ec2Capacity.imagePullBehavior, instanceCount: Math.max(1, ctx.env.ec2Capacity.desiredCapacity) } : {}),
    natPublicIps: Math.max(1, ctx.natPublicIps),
    images: containers.map((c) => c.image.pull),
  };
}

/**
 * minimumHealthyPercent / maximumPercent: the widest rolling percents whose burst stays within the pull
 * budget, which is the smaller of the configured cap and what the ECR quotas allow at maxQuotaShare.
 * Explicit overrides win; core/rules reports when they break progress, capacity or budget.
 */
function planRollout(service: ServiceConfig, profile: PullProfileWithoutPercents, ctx: LocationContext): RolloutPlanSummary {
  const cap = service.deployment.maxConcurrentStarts ?? ctx.pullBudget.defaultMaxConcurrentStarts;
  const quotaBound = maxStartsWithinShare(profile, ctx.pullBudget.maxQuotaShare, ctx.quotas);
  // With minimumHealthyPercent 100 no more than desiredCount tasks can start at once anyway.
  const fleet = profile.desiredCount;
  const budget = Math.max(1, Math.min(cap, quotaBound, fleet));
  const widest = widestPercentsWithinStartBudget({
    desiredCount: fleet,
    maxConcurrentStarts: budget,
    minimumHealthyPercentFloor: service.deployment.minimumHealthyPercentFloor,
  });
  const minimumHealthyPercent = service.deployment.minimumHealthyPercent ?? widest.minimumHealthyPercent;
  const maximumPercent = service.deployment.maximumPercent ?? widest.maximumPercent;
  const overridden = service.deployment.minimumHealthyPercent !== undefined || service.deployment.maximumPercent !== undefined;
  return {
    minimumHealthyPercent,
    maximumPercent,
    concurrentStarts: concurrentStarts(fleet, { minimumHealthyPercent, maximumPercent }),
    circuitBreakerThreshold: circuitBreakerThreshold(fleet),
    budget,
    widestPercentsWithinBudget: {
      minimumHealthyPercent: widest.minimumHealthyPercent,
      maximumPercent: widest.maximumPercent,
      concurrentStarts: widest.concurrentStarts,
    },
    overridden,
    minimumHealthyPercentFloor: service.deployment.minimumHealthyPercentFloor,
  };
}

export function planService(name: string, service: ServiceConfig, roleName: string, ctx: LocationContext): ServicePlan | undefined {
  const containers = planContainers(name, service, ctx);
  if (!containers) return undefined;
  const profileBase = pullProfile(name, service, containers, ctx);
  const rollout = planRollout(service, profileBase, ctx);
  const starts = planStarts(service, profileBase, rollout, ctx);
  // A ROLLING deployment is priced with its percents (as before); the other strategies start the whole green fleet.
  const assessment =
    service.deployment.strategy === "ROLLING"
      ? assessService({ ...profileBase, minimumHealthyPercent: rollout.minimumHealthyPercent, maximumPercent: rollout.maximumPercent }, ctx.quotas)
      : starts.deployment.assessment;
  const production = planProduction(name, service, trustEcsTasks(ctx.account, ctx.region), starts, ctx);
  const checked = production.loadBalancers.length > 0 || containers.some((c) => c.settings.healthCheck !== undefined);
  return {
    name,
    configPath: servicePath(ctx, name),
    desiredCount: service.desiredCount,
    launchType: service.launchType,
    cpu: service.cpu,
    memory: service.memory,
    containers,
    rollout,
    ...(checked ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds } : {}),
    logGroupName: logGroupName(ctx.project, ctx.environment, name),
    logRetentionDays: service.logRetentionDays,
    executionRoleName: roleName,
    taskFamily: taskFamily(ctx.project, ctx.stackName, name),
    securityGroupName: taskSecurityGroupName(ctx.project, ctx.stackName, name),
    assessment,
    production,
    // ECS refuses a task definition over 64 KiB at apply time: PG-TASK-DEFINITION-SIZE (core/rules/task-definition-size.ts) judges it.
    taskDefinitionSize: taskDefinitionSize(containers, logGroupName(ctx.project, ctx.environment, name), ctx.region),
  };
}
