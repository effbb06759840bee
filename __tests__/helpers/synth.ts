import { Testing, type TerraformStack } from "cdktf";
import { parseConfig } from "../../config/load";
import { platform } from "../../config/platform";
import type { PlatformConfig, PlatformConfigInput } from "../../config/schema";
import { planPlatform } from "../../core/plan";
import type { PlatformPlan } from "../../core/model/plan-types";
import { addPlatformStacks } from "../../stacks/platform";
import { withoutTokenStackTraces } from "../../app/lean-synth";

export function validConfig(input: PlatformConfigInput = platform): PlatformConfig {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`test config is invalid:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return result.config;
}

export interface SynthesizedPlatform {
  readonly plan: PlatformPlan;
  /** Synthesized JSON text per stack name, as Testing.synth returns it (for cdktf's matchers). */
  readonly text: Readonly<Record<string, string>>;
  /** Parsed cdk.tf.json per stack name. */
  readonly json: Readonly<Record<string, TfJson>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TfJson = Record<string, any>;

/** Plans and synthesizes every stack of a config in memory, the way main.ts does. */
export function synthesize(input: PlatformConfigInput = platform): SynthesizedPlatform {
  const plan = planPlatform(validConfig(input));
  const errors = plan.findings.filter((f) => f.level === "error");
  if (errors.length > 0) throw new Error(`plan has errors:\n${errors.map((e) => `${e.path}: ${e.message}`).join("\n")}`);
  return withoutTokenStackTraces(() => {
    const app = Testing.app();
    addPlatformStacks(app, plan);
    const text: Record<string, string> = {};
    const json: Record<string, TfJson> = {};
    for (const child of app.node.children) {
      const stack = child as TerraformStack;
      text[stack.node.id] = Testing.synth(stack);
      json[stack.node.id] = JSON.parse(text[stack.node.id]!) as TfJson;
    }
    return { plan, text, json };
  });
}

/** Resources of one type in a synthesized stack, keyed by logical id. */
export function resources(stack: TfJson, type: string): TfJson[] {
  return Object.values((stack.resource?.[type] ?? {}) as Record<string, TfJson>);
}
