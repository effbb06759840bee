/**
 * The config builder of the estate planner tests (estate-*.test.ts): a shared-services account
 * (SHARED) and a prod account (PROD, reached by an assumed role), each caching ECR Public.
 */
import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import { planPlatform } from "../../core/plan";
import type { Finding, PlatformPlan } from "../../core/model/plan-types";

export type Input = PlatformConfigInput;
export type EnvironmentInput = Input["environments"][string];

export const SHARED = "333333333333";
export const PROD = "444444444444";
export const host = (account: string, region: string) => `${account}.dkr.ecr.${region}.amazonaws.com`;

export function vpc(id: string, extra: Record<string, unknown> = {}) {
  return { id: `vpc-${id}`, cidr: "10.0.0.0/16", privateSubnetIds: [`subnet-${id}`], privateRouteTableIds: [`rtb-${id}`], ...extra };
}

export function estate(envs: Record<string, EnvironmentInput>, accounts: Input["accounts"] = {}): Input {
  return {
    accounts: {
      shared: { id: SHARED, registry: { pullThroughCache: { ecrPublic: true } } },
      prod: { id: PROD, registry: { pullThroughCache: { ecrPublic: true } }, assumeRole: { roleArn: `arn:aws:iam::${PROD}:role/pullguard-deploy` } },
      ...accounts,
    },
    environments: envs,
  };
}

export function plan(input: Input): PlatformPlan {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`config should be valid:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return planPlatform(result.config);
}

export const errors = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "error");
export const env = (p: PlatformPlan, stack: string) => p.environments.find((e) => e.stackName === stack)!;

export const web = { image: "public.ecr.aws/nginx/nginx:1.27.3", desiredCount: 2 };
