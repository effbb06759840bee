import { z } from "zod";
import { parseConfig } from "../../config/load";
import { defaultedFromFields } from "../../config/primitives";
import { platformConfigSchema, type PlatformConfig } from "../../config/schema";
import { singleEnvironment } from "../helpers/service-config";

/**
 * Each default has one home, its field: an omitted object is what `{}` parses to, with every field
 * default spelt out below by hand, and the JSON Schema editors read documents the same full values.
 */

function parsed(input: unknown): PlatformConfig {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return result.config;
}

function minimal(extra: Record<string, unknown> = {}, registry: Record<string, unknown> = {}, env: Record<string, unknown> = {}): unknown {
  const config = singleEnvironment({ web: { image: "public.ecr.aws/nginx/nginx:1.27.3", desiredCount: 1 } }, env);
  return { ...config, accounts: { main: { id: "111111111111", registry } }, ...extra };
}

const DETECTION = { usageAlarms: true, usageAlarmThreshold: 0.8, pullFailureEvents: true, requestQuotaIncreases: false };
const PULL_BUDGET = { maxQuotaShare: 0.5, defaultMaxConcurrentStarts: 25, allowDockerHubDirect: false, ecrQuotas: {}, fargate: { maxVcpuShare: 0.8, quotas: {} } };
const REPOSITORY_TEMPLATES = { tagMutability: "IMMUTABLE", encryption: { type: "AES256" }, resourceTags: {}, untaggedExpireDays: 14, keepTaggedImages: 100 };
const SCANNING = { type: "BASIC", frequency: "SCAN_ON_PUSH" };
const EC2_CAPACITY = { instanceType: "m6i.large", minSize: 1, maxSize: 4, desiredCapacity: 2, imagePullBehavior: "once", additionalInstanceTypes: [] };
const ENDPOINTS = {
  ecrApi: "auto",
  ecrDkr: "auto",
  s3: "auto",
  logs: "auto",
  secretsmanager: "auto",
  ssm: "auto",
  kms: "auto",
  ecs: "auto",
  ecsAgent: "auto",
  ecsTelemetry: "auto",
  ssmmessages: "auto",
  restrictToAccount: false,
};

describe("objects left out take their fields' defaults", () => {
  const config = parsed(minimal());
  const registry = config.accounts.main!.registry!;
  const env = config.environments.prod!;

  test.each([
    ["detection", config.detection, DETECTION],
    ["pullBudget", config.pullBudget, PULL_BUDGET],
    ["registry.repositoryTemplates", registry.repositoryTemplates, REPOSITORY_TEMPLATES],
    ["registry.scanning", registry.scanning, SCANNING],
    ["registry.pullThroughCache", registry.pullThroughCache, { azure: {}, ecr: {} }],
    ["environment endpoints", env.endpoints, ENDPOINTS],
    ["environment ec2Capacity", env.ec2Capacity, EC2_CAPACITY],
    // No architecture in the config: the planner gives the capacity's (core/services/architecture.ts).
    ["service runtimePlatform", env.services.web!.runtimePlatform, {}],
  ])("%s", (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it("an object written as {} or with one field parses like the omitted one, the rest defaulted", () => {
    const written = parsed(minimal({ detection: {}, pullBudget: { maxQuotaShare: 0.25 } }, { scanning: { frequency: "MANUAL" } }, { ec2Capacity: { maxSize: 6 } }));
    expect(written.detection).toEqual(DETECTION);
    expect(written.pullBudget).toEqual({ ...PULL_BUDGET, maxQuotaShare: 0.25 });
    expect(written.accounts.main!.registry!.scanning).toEqual({ type: "BASIC", frequency: "MANUAL" });
    expect(written.environments.prod!.ec2Capacity).toEqual({ ...EC2_CAPACITY, maxSize: 6 });
  });

  it("no two configs share a defaulted object, so changing one cannot change another", () => {
    const other = parsed(minimal());
    expect(other.pullBudget.ecrQuotas).not.toBe(config.pullBudget.ecrQuotas);
    expect(other.accounts.main!.registry!.pullThroughCache.azure).not.toBe(registry.pullThroughCache.azure);
    expect(other.environments.prod!.ec2Capacity.additionalInstanceTypes).not.toBe(env.ec2Capacity.additionalInstanceTypes);
  });
});

describe("defaultedFromFields", () => {
  const counter = z.strictObject({ start: z.number().default(1), step: z.number().default(2) });

  it("defaults an omitted object to its parsed fields and documents them in the JSON Schema", () => {
    const schema = z.strictObject({ counter: defaultedFromFields(counter) });
    expect(schema.parse({})).toEqual({ counter: { start: 1, step: 2 } });
    expect(z.toJSONSchema(schema, { io: "input" }).properties?.counter).toMatchObject({ default: { start: 1, step: 2 } });
  });
});

describe("the generated JSON Schema documents full default values", () => {
  const schema = z.toJSONSchema(platformConfigSchema, { io: "input", unrepresentable: "any" }) as { properties: Record<string, { default?: unknown }> };

  test.each([
    ["detection", DETECTION],
    ["pullBudget", PULL_BUDGET],
    ["backend", { type: "local" }],
  ])("%s", (field, expected) => {
    expect(schema.properties[field]!.default).toEqual(expected);
  });
});
