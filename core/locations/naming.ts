import { arn } from "../../facts/arn";

import { createHash } from "node:crypto";

/**
 * Every name pullguard gives a stack or an AWS resource, in one place: names are how stacks refer
 * to each other (never remote state), so two places computing one name differently would be a
 * broken reference that no single stack's plan shows.
 *
 * Names AWS keys per account or Region (IAM roles, security groups, task families, clusters,
 * capacity providers, rules, alarms, topics) start with the project and join the variable parts
 * with `--`. Project, environment and service names never contain `--` (the schema refuses it), so
 * `a` + service `b-c` (`p--a--b-c`) and `a-b` + service `c` (`p--a-b--c`) stay apart, and so do two
 * projects in one account. A name over AWS's length limit keeps its start and ends in a hash of the
 * whole name (`shortened`); planPlatform still checks every name for uniqueness (`duplicateNames`).
 */

const SEPARATOR = "--";

/** AWS length limits (IAM, ECS, EventBridge, CloudWatch, SNS, EC2 quotas pages). */
export const NAME_LIMITS = {
  iamRole: 64,
  securityGroup: 255,
  taskFamily: 255,
  cluster: 255,
  capacityProvider: 255,
  logGroup: 512,
  eventRule: 64,
  alarm: 255,
  snsTopic: 256,
  launchTemplate: 128,
  autoScalingGroup: 255,
} as const;

/** IAM role names are at most 64 characters (IAM quotas). */
export const IAM_ROLE_NAME_MAX = NAME_LIMITS.iamRole;

/** Keeps a name within `max`: its first max-9 characters, `-`, and 8 hex characters of its sha256. */
export function shortened(name: string, max: number): string {
  if (name.length <= max) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, max - 9)}-${hash}`;
}

function scoped(project: string, parts: readonly string[], suffix: string, max: number): string {
  return shortened(`${[project, ...parts].join(SEPARATOR)}${suffix}`, max);
}

export function environmentStackName(environment: string, region: string, multiRegion: boolean): string {
  return multiRegion ? `${environment}-${region}` : environment;
}

export function registryStackName(account: string, region: string): string {
  return `registry-${account}-${region}`;
}

/** IAM is global per account: the stack name carries the Region of a multi-Region environment. */
export function executionRoleName(project: string, stackName: string, service: string | undefined): string {
  return service === undefined ? scoped(project, [stackName], "-task-execution", NAME_LIMITS.iamRole) : scoped(project, [stackName, service], "-exec", NAME_LIMITS.iamRole);
}

/** The task's own role (what the application may do), beside its execution role. */
export function taskRoleName(project: string, stackName: string, service: string): string {
  return scoped(project, [stackName, service], "-task", NAME_LIMITS.iamRole);
}

export function scalingAlarmName(project: string, stackName: string, service: string, direction: "out" | "in"): string {
  return scoped(project, [stackName, service], `-scale-${direction}`, NAME_LIMITS.alarm);
}

export function containerInstanceRoleName(project: string, stackName: string): string {
  return scoped(project, [stackName], "-container-instance", NAME_LIMITS.iamRole);
}

export function clusterName(project: string, stackName: string): string {
  return scoped(project, [stackName], "", NAME_LIMITS.cluster);
}

export function capacityProviderName(project: string, stackName: string): string {
  return scoped(project, [stackName], "-ec2", NAME_LIMITS.capacityProvider);
}

/** ECS refuses capacity provider names that begin with these (CreateCapacityProvider). */
export function reservedCapacityProviderPrefix(name: string): boolean {
  return /^(aws|ecs|fargate)/i.test(name);
}

export function containerInstanceSecurityGroupName(project: string, stackName: string): string {
  return scoped(project, [stackName], "-ec2-instances", NAME_LIMITS.securityGroup);
}

export function launchTemplateName(project: string, stackName: string): string {
  return scoped(project, [stackName], "-ec2", NAME_LIMITS.launchTemplate);
}

export function autoScalingGroupName(project: string, stackName: string): string {
  return scoped(project, [stackName], "-ec2", NAME_LIMITS.autoScalingGroup);
}

export function endpointSecurityGroupName(project: string, stackName: string): string {
  return scoped(project, [stackName], "-vpc-endpoints", NAME_LIMITS.securityGroup);
}

export function taskFamily(project: string, stackName: string, service: string): string {
  return scoped(project, [stackName, service], "", NAME_LIMITS.taskFamily);
}

export function taskSecurityGroupName(project: string, stackName: string, service: string): string {
  return scoped(project, [stackName, service], "-tasks", NAME_LIMITS.securityGroup);
}

/** Log groups are per Region, so the environment suffices; `/` never appears inside a name. */
export function logGroupName(project: string, environment: string, service: string): string {
  return shortened(`/ecs/${project}/${environment}/${service}`, NAME_LIMITS.logGroup);
}

export function pullFailureRuleName(project: string, stackName: string): string {
  return scoped(project, [stackName], "-cannot-pull", NAME_LIMITS.eventRule);
}

/** One service's own pull-failure rule: its TriggeredRules metric is the service's rollback alarm (core/services/pull-failure-alarm.ts). */
export function servicePullFailureRuleName(project: string, stackName: string, service: string): string {
  return scoped(project, [stackName, service], "-cannot-pull", NAME_LIMITS.eventRule);
}

export function pullFailureAlarmName(project: string, stackName: string, service: string): string {
  return scoped(project, [stackName, service], "-pull-failures", NAME_LIMITS.alarm);
}

export function templateRoleName(project: string, region: string): string {
  return scoped(project, [], `${SEPARATOR}ecr-templates-${region}`, NAME_LIMITS.iamRole);
}

/** The role ECR's pull-through cache assumes to read the team's registries in other accounts (one per Region). */
export function upstreamRoleName(project: string, region: string): string {
  return scoped(project, [], `${SEPARATOR}ecr-upstream-${region}`, NAME_LIMITS.iamRole);
}

export function usageAlarmName(project: string, api: string): string {
  return scoped(project, [], `${SEPARATOR}ecr-${api}-near-quota`, NAME_LIMITS.alarm);
}

export function alertTopicName(project: string): string {
  return scoped(project, [], `${SEPARATOR}image-pulls`, NAME_LIMITS.snsTopic);
}

export function imageTagVariableName(service: string): string {
  return `${service.replace(/-/g, "_")}_image_tag`;
}

/**
 * Construct ids for things keyed by an ECR prefix: "/" cannot appear in an id, and "--" never
 * appears in a prefix (ECR's pattern allows no two separators in a row), so "acr/prod"
 * (`acr--prod`) and "acr-prod" stay apart.
 */
export function prefixConstructId(prefix: string): string {
  return prefix.replace(/\//g, "--");
}

/** The ephemeral variable an apply-time credential is read from: set it as TF_VAR_<name>. */
export function credentialVariableName(prefix: string): string {
  return `pullthroughcache_${prefix.replace(/[^a-z0-9]/g, "_")}_credential`;
}

/**
 * Terraform output name of a created credential secret. A prefix of letters, digits and "-" keeps
 * its readable name (`docker_hub_credential_secret_arn`); one with "/", "." or "_" gets a hash of
 * the prefix too, so "acr/prod" and "acr-prod" cannot share an output.
 */
export function credentialOutputName(prefix: string): string {
  const readable = prefix.replace(/[^A-Za-z0-9]/g, "_");
  if (/^[a-z0-9-]+$/.test(prefix)) return `${readable}_credential_secret_arn`;
  return `${readable}_${createHash("sha256").update(prefix).digest("hex").slice(0, 8)}_credential_secret_arn`;
}

/** Keyed by AWS per account and Region, so two projects in one account share it: see docs/configuration.md. */
export function pullThroughCacheSecretName(prefix: string): string {
  return `ecr-pullthroughcache/${prefix}`;
}

export function snsTopicArn(region: string, account: string, name: string): string {
  return arn({ service: "sns", region, account, resource: name });
}

/** One name a config gives a resource, with the scope AWS keys it in (`iam:<account>`, `ecs:<account>/<region>`, ...). */
export interface NameClaim {
  readonly scope: string;
  readonly name: string;
  /** The config path that gives the name, for the error. */
  readonly path: string;
}

/** Names claimed twice in one scope, reported at the later claim's path. */
export function duplicateNames(claims: readonly NameClaim[]): { path: string; message: string }[] {
  const owners = new Map<string, NameClaim>();
  const out: { path: string; message: string }[] = [];
  for (const claim of claims) {
    const key = `${claim.scope}\u0000${claim.name}`;
    const owner = owners.get(key);
    if (owner === undefined) owners.set(key, claim);
    else if (owner.path !== claim.path) out.push({ path: claim.path, message: `gives name "${claim.name}", which ${owner.path} also gives (${claim.scope}); rename one` });
  }
  return out;
}
