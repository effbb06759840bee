import type { PlatformConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import type { BackendPlan, EnvironmentPlan, RegistryPlan } from "../model/plan-types";
import { byCodePoint } from "../sort";
import * as catalogue from "../rules/catalogue";

/**
 * Whole-platform checks that need every stack planned first: state keys and the alert topic's
 * Region. Resource names and tag counts are judged on the finished plan by core/rules/ (names.ts,
 * tag-limit.ts).
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

/** A stackBackends entry for a stack that does not exist would be ignored silently (a typo keeps state local). */
export function checkStackBackendNames(config: PlatformConfig, stackNames: readonly string[], log: FindingLog): void {
  for (const name of Object.keys(config.stackBackends)) {
    if (!stackNames.includes(name)) log.report(catalogue.backendUnknownStack, `stackBackends.${name}`, `names no stack; stacks are: ${stackNames.join(", ")}`);
  }
}

/** The whole-platform checks, once every stack is planned, and each stack's backend. */
export function checkPlatform(config: PlatformConfig, environments: readonly EnvironmentPlan[], registries: readonly RegistryPlan[], log: FindingLog): Record<string, BackendPlan> {
  checkAlarmTopicRegion(config, environments, registries, log);
  const stackNames = [...environments.map((e) => e.stackName), ...registries.map((r) => r.stackName)];
  checkStackBackendNames(config, stackNames, log);
  return planBackends(config, stackNames, log);
}
