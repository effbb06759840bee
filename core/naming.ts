/**
 * Every name pullguard gives a stack or an AWS resource, in one place: names are how stacks refer
 * to each other (never remote state), so two places computing one name differently would be a
 * broken reference that no single stack's plan shows.
 */

export function environmentStackName(environment: string, region: string, multiRegion: boolean): string {
  return multiRegion ? `${environment}-${region}` : environment;
}

export function registryStackName(account: string, region: string): string {
  return `registry-${account}-${region}`;
}

export function executionRoleName(stackName: string, service: string | undefined): string {
  return service === undefined ? `${stackName}-task-execution` : `${stackName}-${service}-exec`;
}

export function containerInstanceRoleName(stackName: string): string {
  return `${stackName}-container-instance`;
}

/** Capacity provider names must not begin with aws, ecs or fargate, hence the project prefix. */
export function capacityProviderName(project: string, stackName: string): string {
  return `${project}-${stackName}-ec2`;
}

export function templateRoleName(project: string, region: string): string {
  return `${project}-ecr-templates-${region}`;
}

export function logGroupName(environment: string, service: string): string {
  return `/ecs/${environment}/${service}`;
}

export function imageTagVariableName(service: string): string {
  return `${service.replace(/-/g, "_")}_image_tag`;
}

export function pullThroughCacheSecretName(prefix: string): string {
  return `ecr-pullthroughcache/${prefix}`;
}

export function alertTopicName(project: string): string {
  return `${project}-image-pulls`;
}

export function usageAlarmName(project: string, api: string): string {
  return `${project}-ecr-${api}-near-quota`;
}

export function snsTopicArn(region: string, account: string, name: string): string {
  return `arn:aws:sns:${region}:${account}:${name}`;
}

/** IAM role names are at most 64 characters (IAM quotas). */
export const IAM_ROLE_NAME_MAX = 64;
