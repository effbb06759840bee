import type { PlatformConfig } from "../config/schema";
import type { FindingLog } from "./findings";
import { MAX_TAGS_PER_RESOURCE, RESERVED_TAG_KEYS } from "../config/primitives";
import { duplicateNames, reservedCapacityProviderPrefix, type NameClaim } from "./naming";
import type { BackendPlan, EnvironmentPlan, RegistryPlan } from "./plan-types";
import { byCodePoint } from "./sort";
import * as catalogue from "./rules/catalogue";

/**
 * Whole-platform checks that need every stack planned first: state keys, resource names, tag
 * counts and the alert topic's Region.
 */

/** Local state lives in terraform-state/ at the project root (git-ignored), outside cdktf.out. */
export function localStatePath(stackName: string): string {
  return `../../../terraform-state/${stackName}.tfstate`;
}

function backendFor(config: PlatformConfig, stackName: string): BackendPlan {
  const chosen = Object.hasOwn(config.stackBackends, stackName) ? config.stackBackends[stackName]! : config.backend;
  // Relative to the stack's directory (cdktf.out/stacks/<stack>), pointing out of cdktf.out: cdktf
  // deletes the directory of a stack that leaves the config, and its state must not go with it.
  if (chosen.type === "local") return { type: "local", path: localStatePath(stackName) };
  const prefix = chosen.keyPrefix ?? config.project;
  return {
    type: "s3",
    bucket: chosen.bucket,
    key: chosen.key ?? `${prefix ? `${prefix}/` : ""}${stackName}.tfstate`,
    region: chosen.region,
    useLockfile: chosen.useLockfile,
    encrypt: chosen.encrypt,
  };
}

/**
 * One backend per stack. Two stacks writing one state file is the worst failure a backend can
 * have: the second apply sees the first stack's resources as removed from config and destroys them.
 */
export function planBackends(config: PlatformConfig, stackNames: readonly string[], log: FindingLog): Record<string, BackendPlan> {
  const backends: Record<string, BackendPlan> = {};
  const owners = new Map<string, string>();
  for (const name of stackNames) {
    const backend = backendFor(config, name);
    backends[name] = backend;
    const location = backend.type === "s3" ? `s3://${backend.bucket}/${backend.key}` : backend.path;
    const owner = owners.get(location);
    if (owner !== undefined) {
      const path = Object.hasOwn(config.stackBackends, name) ? `stackBackends.${name}` : Object.hasOwn(config.stackBackends, owner) ? `stackBackends.${owner}` : "backend";
      log.report(catalogue.backendShared, path, `stores state at ${location}, which stack ${path === `stackBackends.${owner}` ? name : owner} also uses; every stack needs its own state`);
    } else owners.set(location, name);
  }
  return backends;
}

/**
 * Every name AWS keys per account or Region must be unique in its scope. core/naming.ts builds
 * names that cannot collide, short of a shortening hash collision; this check makes that a config
 * error instead of an apply failure, whatever naming becomes.
 */
export function checkNames(environments: readonly EnvironmentPlan[], registries: readonly RegistryPlan[], log: FindingLog): void {
  const claims: NameClaim[] = [];
  for (const env of environments) {
    const iam = `IAM roles of account ${env.account}`;
    const regional = (kind: string) => `${kind} in ${env.account}/${env.region}`;
    const vpc = `security groups of ${env.vpc.id}`;
    const envPath = `environments.${env.environment}`;
    claims.push({ scope: regional("ECS clusters"), name: env.clusterName, path: envPath });
    claims.push({ scope: vpc, name: env.endpointSecurityGroupName, path: `${envPath}.endpoints` });
    if (env.pullFailureEvents) claims.push({ scope: regional("EventBridge rules"), name: env.pullFailureRuleName, path: envPath });
    for (const role of env.executionRoles) claims.push({ scope: iam, name: role.name, path: role.services.length === 1 ? `${envPath}.services.${role.services[0]}` : envPath });
    for (const service of env.services) {
      if (service.production.taskRole?.mode === "create") claims.push({ scope: iam, name: service.production.taskRole.name, path: `${service.configPath}.taskRole` });
      claims.push({ scope: regional("task definition families"), name: service.taskFamily, path: service.configPath });
      claims.push({ scope: regional("log groups"), name: service.logGroupName, path: service.configPath });
      claims.push({ scope: vpc, name: service.securityGroupName, path: service.configPath });
    }
    const capacity = env.ec2Capacity;
    if (capacity) {
      const path = `${envPath}.ec2Capacity`;
      claims.push({ scope: iam, name: capacity.instanceRole.name, path });
      claims.push({ scope: regional("capacity providers"), name: capacity.name, path });
      claims.push({ scope: regional("launch templates"), name: capacity.launchTemplateName, path });
      claims.push({ scope: regional("auto scaling groups"), name: capacity.autoScalingGroupName, path });
      claims.push({ scope: vpc, name: capacity.securityGroupName, path });
      if (reservedCapacityProviderPrefix(capacity.name)) {
        log.report(catalogue.capacityProviderName, "project", `gives capacity provider name "${capacity.name}", but ECS refuses capacity provider names that begin with aws, ecs or fargate; choose another project name`, env.stackName);
      }
    }
  }
  for (const registry of registries) {
    const path = `accounts.${registry.accountAlias}.registry`;
    if (registry.templateSettings.customRoleName) claims.push({ scope: `IAM roles of account ${registry.account}`, name: registry.templateSettings.customRoleName, path });
  }
  for (const problem of duplicateNames(claims)) log.report(catalogue.nameClash, problem.path, problem.message);
}

/**
 * CloudWatch alarm actions and EventBridge SNS targets reach a topic in their own Region only: a
 * user topic in one Region cannot serve stacks in another (pullguard creates one per Region instead).
 */
export function checkAlarmTopicRegion(config: PlatformConfig, environments: readonly EnvironmentPlan[], registries: readonly RegistryPlan[], log: FindingLog): void {
  const arn = config.detection.alarmTopicArn;
  if (arn === undefined) return;
  const topicRegion = arn.split(":")[3]!;
  const publishers = [...registries.filter((r) => r.usageAlarms.length > 0), ...(config.detection.pullFailureEvents ? environments : [])].filter((s) => s.region !== topicRegion);
  if (publishers.length === 0) return;
  const stacks = publishers.map((s) => s.stackName).sort(byCodePoint);
  const regions = [...new Set(publishers.map((s) => s.region))].sort(byCodePoint);
  log.report(
    catalogue.alarmTopicRegion,
    "detection.alarmTopicArn",
    `is in ${topicRegion}, but stack${stacks.length === 1 ? "" : "s"} ${stacks.join(", ")} run${stacks.length === 1 ? "s" : ""} in ${regions.join(", ")}; CloudWatch alarms and EventBridge rules publish only to a topic in their own Region (leave alarmTopicArn unset to create one topic per account and Region)`,
  );
}

/** default_tags merge the platform's and the environment's tags with pullguard's own three; AWS allows 50. */
export function checkTagCount(environments: readonly EnvironmentPlan[], log: FindingLog): void {
  for (const env of environments) {
    const count = Object.keys(env.tags).length + RESERVED_TAG_KEYS.length;
    if (count > MAX_TAGS_PER_RESOURCE) {
      log.report(catalogue.tagLimit, `environments.${env.environment}.tags`, `with the platform's tags and pullguard's own gives ${count} tags per resource; AWS allows ${MAX_TAGS_PER_RESOURCE}`, env.stackName);
    }
  }
}

/** A stackBackends entry for a stack that does not exist would be ignored silently (a typo keeps state local). */
export function checkStackBackendNames(config: PlatformConfig, stackNames: readonly string[], log: FindingLog): void {
  for (const name of Object.keys(config.stackBackends)) {
    if (!stackNames.includes(name)) log.report(catalogue.backendUnknownStack, `stackBackends.${name}`, `names no stack; stacks are: ${stackNames.join(", ")}`);
  }
}

/** The whole-platform checks, once every stack is planned, and each stack's backend. */
export function checkPlatform(config: PlatformConfig, environments: readonly EnvironmentPlan[], registries: readonly RegistryPlan[], log: FindingLog): Record<string, BackendPlan> {
  checkAlarmTopicRegion(config, environments, registries, log);
  checkNames(environments, registries, log);
  checkTagCount(environments, log);
  const stackNames = [...environments.map((e) => e.stackName), ...registries.map((r) => r.stackName)];
  checkStackBackendNames(config, stackNames, log);
  return planBackends(config, stackNames, log);
}
