import type { App, TerraformStack } from "cdktf";
import type { PlatformPlan } from "../core/model";
import type { OutputStamp } from "../core/report";
import { EnvironmentStack } from "./environment-stack";
import { addMovedBlocks } from "./moved-blocks";
import { quarantine } from "./literal-text";
import { RegistryStack } from "./registry-stack";

/**
 * Adds one stack per registry and per environment (and Region) of the plan to the app. Every string
 * the stacks render passes `quarantine` here, so config text is never read as a Terraform sequence
 * or a cdktf token, whichever field it came from (stacks/literal-text.ts). Warnings are shown by
 * cdktf as they are, not rendered. `stamp` (pullguard's version and the config's name) goes into
 * every stack's `"//"` metadata block.
 */
export function addPlatformStacks(app: App, fullPlan: PlatformPlan, stamp?: OutputStamp): void {
  const warningsOf = (stack: string) => fullPlan.findings.filter((f) => f.level === "warning" && f.stack === stack);
  const plan = quarantine({ project: fullPlan.project, registries: fullPlan.registries, environments: fullPlan.environments, backends: fullPlan.backends });
  const stacks = new Map<string, TerraformStack>();
  for (const registry of plan.registries) {
    stacks.set(registry.stackName, new RegistryStack(app, registry, plan.backends[registry.stackName]!, plan.project, warningsOf(registry.stackName), stamp));
  }
  for (const environment of plan.environments) {
    stacks.set(environment.stackName, new EnvironmentStack(app, environment, plan.backends[environment.stackName]!, plan.project, warningsOf(environment.stackName), stamp));
  }
  // cdktf deploy applies a stack's dependencies first (the plan's deploy order, in cdktf's terms).
  for (const planned of [...plan.registries, ...plan.environments]) {
    // A stack of the other synth shard (app/parallel-synth) is not in this app: the manifest gets it from the plan there.
    for (const dependency of planned.dependsOn) {
      const other = stacks.get(dependency);
      if (other) stacks.get(planned.stackName)!.addDependency(other);
    }
  }
  // Addresses renamed since an earlier release move instead of being replaced (docs/upgrading.md).
  for (const stack of stacks.values()) addMovedBlocks(stack);
}
