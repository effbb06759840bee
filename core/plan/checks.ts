import type { PlatformConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import type { BackendPlan, EnvironmentPlan, RegistryPlan } from "../model/plan-types";
import * as catalogue from "../rules/catalogue";

/**
 * Whole-platform planning once every stack is planned: each stack's state backend, and the
 * stackBackends entries that name no stack. Shared state keys, the alert topic's Region, resource
 * names and tag counts are judged on the finished plan by core/rules/ (backend-shared.ts,
 * alarm-topic-region.ts, name-clash.ts, tag-limit.ts).
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
 * have (the second apply destroys the first stack's resources): PG-BACKEND-SHARED
 * (core/rules/backend-shared.ts) judges the planned backends.
 */
export function planBackends(config: PlatformConfig, stackNames: readonly string[]): Record<string, BackendPlan> {
  const backends: Record<string, BackendPlan> = {};
  for (const name of stackNames) backends[name] = backendFor(config, name);
  return backends;
}

/** The stacks that have their own stackBackends entry, in stack order. */
export function ownBackendStacks(config: PlatformConfig, stackNames: readonly string[]): string[] {
  return stackNames.filter((name) => Object.hasOwn(config.stackBackends, name));
}

/** A stackBackends entry for a stack that does not exist would be ignored silently (a typo keeps state local). */
export function checkStackBackendNames(config: PlatformConfig, stackNames: readonly string[], log: FindingLog): void {
  for (const name of Object.keys(config.stackBackends)) {
    if (!stackNames.includes(name)) log.report(catalogue.backendUnknownStack, `stackBackends.${name}`, `names no stack; stacks are: ${stackNames.join(", ")}`);
  }
}

/** The whole-platform check of backend names, once every stack is planned, and each stack's backend. */
export function checkPlatform(config: PlatformConfig, environments: readonly EnvironmentPlan[], registries: readonly RegistryPlan[], log: FindingLog): { backends: Record<string, BackendPlan>; ownBackendStacks: string[] } {
  const stackNames = [...environments.map((e) => e.stackName), ...registries.map((r) => r.stackName)];
  checkStackBackendNames(config, stackNames, log);
  return { backends: planBackends(config, stackNames), ownBackendStacks: ownBackendStacks(config, stackNames) };
}
