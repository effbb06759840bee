/**
 * The embedded example (config/platform.ts) synthesized in memory, for the stacks-*.test.ts files
 * that read its Terraform resource family by resource family: its account, its registry stack
 * names, and a stack lookup that names the stacks there are when one is missing.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { synthesize, type SynthesizedPlatform, type TfJson } from "./synth";

export const ACCOUNT = "111111111111";
export const REGISTRY_EAST = `registry-${ACCOUNT}-us-east-1`;
export const REGISTRY_WEST = `registry-${ACCOUNT}-us-west-2`;

export interface EmbeddedStacks extends SynthesizedPlatform {
  /** One stack's parsed cdk.tf.json. */
  stack(name: string): TfJson;
}

export function synthesizeEmbedded(): EmbeddedStacks {
  const synthesized = synthesize();
  const stack = (name: string): TfJson => {
    const s = synthesized.json[name];
    if (!s) throw new Error(`no stack ${name}; have ${Object.keys(synthesized.json).join(", ")}`);
    return s;
  };
  return { ...synthesized, stack };
}

/** A deep copy of a config for a test to change. */
export function clone(input: PlatformConfigInput): PlatformConfigInput {
  return JSON.parse(JSON.stringify(input)) as PlatformConfigInput;
}
