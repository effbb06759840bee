/**
 * The config builder and plan lookups of the tests that read environment stacks as the planner
 * resolves them (environment-plan-*.test.ts, service-plan-*.test.ts): account "main" (A) caching
 * Docker Hub, ECR Public, Quay and GHCR, account "other" (B), environment "prod" in us-east-1.
 * Accounts, VPCs, planning and the error/warning filters are registry-config's.
 */
import type { EnvironmentPlan, ExecutionRolePlan, Finding, PlatformPlan, ServicePlan } from "../../core/model/plan-types";
import { A, B, vpc, type EnvironmentInput, type Input, type ServiceInput } from "./registry-config";

export const REGION = "us-east-1";
export const HOST = `${A}.dkr.ecr.${REGION}.amazonaws.com`;
export const repoArn = (repository: string, account = A, region = REGION) => `arn:aws:ecr:${region}:${account}:repository/${repository}`;
export const secretArn = (name: string) => `arn:aws:secretsmanager:${REGION}:${A}:secret:${name}`;
export const parameterArn = (name: string) => `arn:aws:ssm:${REGION}:${A}:parameter/${name}`;
export const KMS_KEY = `arn:aws:kms:${REGION}:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const OTHER_KMS_KEY = `arn:aws:kms:${REGION}:${A}:key/9999abcd-12ab-34cd-56ef-1234567890ab`;
export const DIGEST = `sha256:${"a".repeat(64)}`;

/**
 * Account "main" (A) caching Docker Hub, ECR Public, Quay and GHCR; environment "prod" in
 * us-east-1 with the given services and environment settings.
 */
export function input(services: Record<string, ServiceInput>, envExtra: Partial<EnvironmentInput> = {}, extra: Partial<Input> = {}): Input {
  return {
    accounts: {
      main: {
        id: A,
        registry: {
          pullThroughCache: {
            dockerHub: { credential: { source: "create" } },
            ecrPublic: true,
            quay: true,
            ghcr: { credential: { source: "create" } },
          },
        },
      },
      other: { id: B },
    },
    environments: { prod: { account: "main", regions: { [REGION]: vpc() }, services, ...envExtra } },
    ...extra,
  };
}

export const byRule = (p: PlatformPlan, rule: string): Finding[] => p.findings.filter((f) => f.rule === rule);

export function environment(p: PlatformPlan, stackName = "prod"): EnvironmentPlan {
  const found = p.environments.find((e) => e.stackName === stackName);
  if (!found) throw new Error(`no environment stack ${stackName}`);
  return found;
}

export function service(p: PlatformPlan, name: string, stackName = "prod"): ServicePlan {
  const found = environment(p, stackName).services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name} in ${stackName}`);
  return found;
}

export function role(p: PlatformPlan, name: string): ExecutionRolePlan {
  const found = environment(p).executionRoles.find((r) => r.name === name);
  if (!found) throw new Error(`no execution role ${name}; roles: ${environment(p).executionRoles.map((r) => r.name).join(", ")}`);
  return found;
}

/** A policy statement's Action or Resource as a list. */
export const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === "string" ? [v] : v);
