import type { App } from "cdktf";
import type { PlatformPlan } from "../core/plan-types";
import { EnvironmentStack } from "./environment-stack";
import { RegistryStack } from "./registry-stack";

/** Adds one stack per registry and per environment (and Region) of the plan to the app. */
export function addPlatformStacks(app: App, plan: PlatformPlan): void {
  const warningsOf = (stack: string) => plan.findings.filter((f) => f.level === "warning" && f.stack === stack);
  for (const registry of plan.registries) {
    new RegistryStack(app, registry, plan.backends[registry.stackName]!, plan.project, warningsOf(registry.stackName));
  }
  for (const environment of plan.environments) {
    new EnvironmentStack(app, environment, plan.backends[environment.stackName]!, plan.project, warningsOf(environment.stackName));
  }
}
