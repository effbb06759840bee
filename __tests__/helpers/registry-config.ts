/**
 * The config builder of the registry planner tests (registry-*.test.ts): one account "main" (A),
 * a second account B, environments with generated VPC ids, and lookups into the plan.
 */
import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import { planPlatform } from "../../core/plan";
import type { Finding, PlatformPlan, RegistryPlan } from "../../core/model/plan-types";

export type Input = PlatformConfigInput;
type AccountInput = Input["accounts"][string];
export type RegistryInput = NonNullable<AccountInput["registry"]>;
export type EnvironmentInput = Input["environments"][string];
export type ServiceInput = NonNullable<EnvironmentInput["services"]>[string];

export const A = "111111111111";
export const B = "222222222222";
export const hostOf = (account: string, region: string) => `${account}.dkr.ecr.${region}.amazonaws.com`;

let idCounter = 0;
function hex8(): string {
  idCounter += 1;
  return idCounter.toString(16).padStart(8, "0");
}

export function vpc() {
  const id = hex8();
  return { vpc: { id: `vpc-${id}`, cidr: "10.0.0.0/16", privateSubnetIds: [`subnet-${id}`], privateRouteTableIds: [`rtb-${id}`] } };
}

export function env(account: string, regions: readonly string[], services: Record<string, ServiceInput>, extra: Partial<EnvironmentInput> = {}): EnvironmentInput {
  return { account, regions: Object.fromEntries(regions.map((r) => [r, vpc()])), services, ...extra };
}

export const createCredential = { source: "create" as const };

/** One account "main" (A) with Docker Hub and ECR Public cached, one environment "prod" in us-east-1. */
export function baseInput(registry: RegistryInput = { pullThroughCache: { dockerHub: { credential: createCredential }, ecrPublic: true } }): Input {
  return {
    accounts: { main: { id: A, registry } },
    environments: { prod: env("main", ["us-east-1"], { web: { image: "nginx:1.27.3", desiredCount: 2 } }) },
  };
}

export function parsed(input: Input) {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(`config should be valid:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return result.config;
}

export function plan(input: Input): PlatformPlan {
  return planPlatform(parsed(input));
}

export function problems(input: unknown) {
  const result = parseConfig(input);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

export const errors = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "error");
export const warnings = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "warning");

export function registry(p: PlatformPlan, account: string, region: string): RegistryPlan {
  const found = p.registries.filter((r) => r.account === account && r.region === region);
  expect(found).toHaveLength(1);
  return found[0]!;
}

export const CACHE = "accounts.main.registry.pullThroughCache";
