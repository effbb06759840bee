import type { App } from "cdktf";
import type { PlatformPlan } from "../core/plan-types";
import { EnvironmentStack } from "./environment-stack";
import { RegistryStack } from "./registry-stack";

/** Adds one stack per registry and per environment (and Region) of the plan to the app. */
export function addPlatformStacks(app: App, plan: PlatformPlan): void {
  for (const registry of plan.registries) {
    new RegistryStack(app, registry, plan.backends[registry.stackName]!, plan.project);
  }
  for (const environment of plan.environments) {
    const warnings = plan.findings.filter((f) => f.level === "warning" && f.stack === environment.stackName);
    new EnvironmentStack(app, environment, plan.backends[environment.stackName]!, plan.project, warnings);
  }
}
