import { ENDPOINT_KEYS } from "../../config/estate-schema";
import type { EnvironmentConfig, ServiceConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import * as catalogue from "../rules/catalogue";
import type { RegionBoundArn } from "../model/plan-types";
import { loadBalancingAndHookArns, productionInRegion, type StackWhere } from "./region-production";

/**
 * An environment as it runs in one Region: the environment-level values are defaults, and every
 * Region-bound value (endpoints and their ids, desired counts, secret and KMS ARNs, load balancers,
 * deployment alarms and hooks, capacity, an existing cluster) may be set under `regions.<region>`.
 * The planner reads only this merged view, so a value meant for one Region can never silently apply
 * to another.
 */
export interface RegionalEnvironment {
  readonly env: EnvironmentConfig;
  readonly existingClusterName?: string;
  /** The Region-bound ARNs of the merged services, with where each was set (judged on the plan). */
  readonly regionBoundArns: readonly RegionBoundArn[];
}

export function environmentInRegion(name: string, env: EnvironmentConfig, where: StackWhere, log: FindingLog): RegionalEnvironment {
  const { region, stack } = where;
  const base = `environments.${name}`;
  const regional = env.regions[region]!;
  const regionPath = `${base}.regions.${region}`;

  // An endpoint id set at the environment level (PG-ENDPOINT-ID-MULTI-REGION judges it on the
  // plan: environmentEndpointIds) is this Region's default, unless the Region sets its own.
  const endpoints = { ...env.endpoints };
  for (const [key, value] of Object.entries(regional.endpoints ?? {})) {
    if (value !== undefined) (endpoints as Record<string, unknown>)[key] = value;
  }

  // The merged sizes are judged on the plan (PG-EC2-CAPACITY-SIZE: regionEc2Capacity).
  const capacity = { ...env.ec2Capacity, ...definedOnly(regional.ec2Capacity ?? {}) };

  const services: Record<string, ServiceConfig> = {};
  for (const [serviceName, service] of Object.entries(env.services)) services[serviceName] = service;
  for (const [serviceName, override] of Object.entries(regional.services)) {
    const path = `${regionPath}.services.${serviceName}`;
    const service = own(env.services, serviceName);
    if (!service) {
      log.report(catalogue.regionOverrideUnknown, path, `names no service of ${base} (services: ${Object.keys(env.services).sort().join(", ") || "none"})`, stack);
      continue;
    }
    const sidecars = { ...service.sidecars };
    for (const [sidecarName, sidecarOverride] of Object.entries(override.sidecars)) {
      const sidecar = own(service.sidecars, sidecarName);
      if (!sidecar) {
        log.report(catalogue.regionOverrideUnknown, `${path}.sidecars.${sidecarName}`, `names no sidecar of ${base}.services.${serviceName}`, stack);
        continue;
      }
      sidecars[sidecarName] = {
        ...sidecar,
        secrets: { ...sidecar.secrets, ...sidecarOverride.secrets },
        ...definedOnly({ repositoryCredentialsArn: sidecarOverride.repositoryCredentialsArn }),
      };
    }
    services[serviceName] = {
      ...service,
      ...productionInRegion(service, override, { service: `${base}.services.${serviceName}`, region: path }, stack, log),
      ...definedOnly({ desiredCount: override.desiredCount, repositoryCredentialsArn: override.repositoryCredentialsArn, secretsKmsKeyArns: override.secretsKmsKeyArns }),
      secrets: { ...service.secrets, ...override.secrets },
      sidecars,
    };
  }

  const regionBoundArns = [
    ...taskReadArns(name, env, region, services),
    ...Object.entries(services).flatMap(([serviceName, service]) =>
      loadBalancingAndHookArns(service, own(regional.services, serviceName), { service: `${base}.services.${serviceName}`, region: `${regionPath}.services.${serviceName}` }),
    ),
  ];

  const existingClusterName = regional.existingClusterName ?? env.existingClusterName;
  return {
    env: { ...env, endpoints, ec2Capacity: capacity, services },
    regionBoundArns,
    ...(existingClusterName !== undefined ? { existingClusterName } : {}),
  };
}

/** A record lookup that never reaches Object.prototype (a service named "constructor"). */
function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The endpoint keys the environment level sets to an existing endpoint id: an id belongs to one VPC
 * in one Region, so as the default of every Region it is wrong in all but one (the issue this view
 * exists for).
 */
export function environmentEndpointIds(env: EnvironmentConfig): string[] {
  return ENDPOINT_KEYS.filter((key) => typeof env.endpoints[key] === "object");
}

/** The EC2 capacity sizes of a Region that overrides ec2Capacity, merged over the environment's; undefined when it does not (the schema checks the environment's own). */
export function regionEc2Capacity(env: EnvironmentConfig, region: string): { minSize: number; maxSize: number; desiredCapacity: number } | undefined {
  const regional = env.regions[region]?.ec2Capacity;
  if (regional === undefined) return undefined;
  const merged = { ...env.ec2Capacity, ...definedOnly(regional) };
  return { minSize: merged.minSize, maxSize: merged.maxSize, desiredCapacity: merged.desiredCapacity };
}

/**
 * Secrets, repository credentials and KMS keys are fetched by the task in its own Region: every
 * such ARN of the merged services, with the path it came from and, when that is the environment
 * level, the per-Region path to set instead (PG-ARN-REGION judges them on the plan).
 */
function taskReadArns(name: string, env: EnvironmentConfig, region: string, services: Record<string, ServiceConfig>): RegionBoundArn[] {
  const base = `environments.${name}`;
  const regional = env.regions[region]!;
  const arns: RegionBoundArn[] = [];
  const add = (arn: string, fromRegion: boolean, envPath: string, regionPath: string) => {
    arns.push(fromRegion ? { kind: "task-read", arn, path: regionPath } : { kind: "task-read", arn, path: envPath, setInstead: regionPath });
  };
  for (const [serviceName, service] of Object.entries(services)) {
    const override = own(regional.services, serviceName);
    const envService = `${base}.services.${serviceName}`;
    const regionService = `${base}.regions.${region}.services.${serviceName}`;
    for (const [variable, arn] of Object.entries(service.secrets)) {
      add(arn, own(override?.secrets, variable) !== undefined, `${envService}.secrets.${variable}`, `${regionService}.secrets.${variable}`);
    }
    if (service.repositoryCredentialsArn) {
      add(service.repositoryCredentialsArn, override?.repositoryCredentialsArn !== undefined, `${envService}.repositoryCredentialsArn`, `${regionService}.repositoryCredentialsArn`);
    }
    service.secretsKmsKeyArns.forEach((arn, i) => {
      const fromRegion = override?.secretsKmsKeyArns !== undefined;
      add(arn, fromRegion, `${envService}.secretsKmsKeyArns[${i}]`, `${regionService}.secretsKmsKeyArns${fromRegion ? `[${i}]` : ""}`);
    });
    for (const [sidecarName, sidecar] of Object.entries(service.sidecars)) {
      const sidecarOverride = own(override?.sidecars, sidecarName);
      for (const [variable, arn] of Object.entries(sidecar.secrets)) {
        add(arn, own(sidecarOverride?.secrets, variable) !== undefined, `${envService}.sidecars.${sidecarName}.secrets.${variable}`, `${regionService}.sidecars.${sidecarName}.secrets.${variable}`);
      }
      if (sidecar.repositoryCredentialsArn) {
        add(sidecar.repositoryCredentialsArn, sidecarOverride?.repositoryCredentialsArn !== undefined, `${envService}.sidecars.${sidecarName}.repositoryCredentialsArn`, `${regionService}.sidecars.${sidecarName}.repositoryCredentialsArn`);
      }
    }
  }
  return arns;
}
