import { ENDPOINT_KEYS } from "../../config/estate-schema";
import { parseArn } from "../../facts/arn";
import type { EnvironmentConfig, ServiceConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import * as catalogue from "../rules/catalogue";
import { checkLoadBalancerLocations, productionInRegion, type StackWhere } from "./region-production";

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
}

export function environmentInRegion(name: string, env: EnvironmentConfig, where: StackWhere, log: FindingLog): RegionalEnvironment {
  const { region, stack } = where;
  const base = `environments.${name}`;
  const regional = env.regions[region]!;
  const regionPath = `${base}.regions.${region}`;
  const multiRegion = Object.keys(env.regions).length > 1;

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

  checkRegionBoundArns(name, env, region, services, stack, log);
  for (const [serviceName, service] of Object.entries(services)) {
    checkLoadBalancerLocations(service, own(regional.services, serviceName), { service: `${base}.services.${serviceName}`, region: `${regionPath}.services.${serviceName}`, multiRegion }, where, log);
  }

  const existingClusterName = regional.existingClusterName ?? env.existingClusterName;
  return {
    env: { ...env, endpoints, ec2Capacity: capacity, services },
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
 * Secrets, repository credentials and KMS keys are fetched by the task in its own Region: an ARN
 * from another Region is a value meant for another Region (or a typo), so it is a config error at
 * the path it came from, with the per-Region path to set instead.
 */
function checkRegionBoundArns(name: string, env: EnvironmentConfig, region: string, services: Record<string, ServiceConfig>, stack: string, log: FindingLog): void {
  const base = `environments.${name}`;
  const regional = env.regions[region]!;
  const check = (arn: string, fromRegion: boolean, envPath: string, regionPath: string) => {
    const where = parseArn(arn);
    if (!where || where.region === region) return;
    const path = fromRegion ? regionPath : envPath;
    const hint = fromRegion ? "" : `; set this Region's value under ${regionPath}`;
    log.report(catalogue.arnRegion, path, `is in ${where.region}, but ${stack} runs in ${region}: tasks read it in their own Region${hint}`, stack);
  };
  for (const [serviceName, service] of Object.entries(services)) {
    const override = own(regional.services, serviceName);
    const envService = `${base}.services.${serviceName}`;
    const regionService = `${base}.regions.${region}.services.${serviceName}`;
    for (const [variable, arn] of Object.entries(service.secrets)) {
      check(arn, own(override?.secrets, variable) !== undefined, `${envService}.secrets.${variable}`, `${regionService}.secrets.${variable}`);
    }
    if (service.repositoryCredentialsArn) {
      check(service.repositoryCredentialsArn, override?.repositoryCredentialsArn !== undefined, `${envService}.repositoryCredentialsArn`, `${regionService}.repositoryCredentialsArn`);
    }
    service.secretsKmsKeyArns.forEach((arn, i) => {
      const fromRegion = override?.secretsKmsKeyArns !== undefined;
      check(arn, fromRegion, `${envService}.secretsKmsKeyArns[${i}]`, `${regionService}.secretsKmsKeyArns${fromRegion ? `[${i}]` : ""}`);
    });
    for (const [sidecarName, sidecar] of Object.entries(service.sidecars)) {
      const sidecarOverride = own(override?.sidecars, sidecarName);
      for (const [variable, arn] of Object.entries(sidecar.secrets)) {
        check(arn, own(sidecarOverride?.secrets, variable) !== undefined, `${envService}.sidecars.${sidecarName}.secrets.${variable}`, `${regionService}.sidecars.${sidecarName}.secrets.${variable}`);
      }
      if (sidecar.repositoryCredentialsArn) {
        check(sidecar.repositoryCredentialsArn, sidecarOverride?.repositoryCredentialsArn !== undefined, `${envService}.sidecars.${sidecarName}.repositoryCredentialsArn`, `${regionService}.sidecars.${sidecarName}.repositoryCredentialsArn`);
      }
    }
  }
}
