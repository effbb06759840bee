import type { PlatformConfig } from "../../config/schema";
import { DEFAULT_ECR_QUOTAS, ECR_APIS, type EcrQuotas } from "../budget";

/** One Region's ECR quotas: the defaults with the config's overrides, and which APIs it overrode. */
export interface RegionQuotas {
  readonly quotas: EcrQuotas;
  readonly overridden: string[];
}

/** Looks up a Region's quotas; planPlatform makes one (quotasPerRegion) for the whole plan. */
export type QuotasIn = (region: string) => RegionQuotas;

/**
 * Every Region's ECR quotas worked out once for the plan: the environment planner, the registry
 * planner, the account-Region assessment and the report read the same figures.
 */
export function quotasPerRegion(config: PlatformConfig): QuotasIn {
  const byRegion = new Map<string, RegionQuotas>();
  return (region) => {
    let found = byRegion.get(region);
    if (found === undefined) {
      found = quotasFor(config, region);
      byRegion.set(region, found);
    }
    return found;
  };
}

export function quotasFor(config: PlatformConfig, region: string): RegionQuotas {
  const overrides = config.pullBudget.ecrQuotas[region] ?? {};
  const quotas = { ...DEFAULT_ECR_QUOTAS } as Record<keyof EcrQuotas, EcrQuotas[keyof EcrQuotas]>;
  const overridden: string[] = [];
  for (const api of ECR_APIS) {
    const value = overrides[api];
    if (!value) continue;
    overridden.push(api);
    quotas[api] = { quotaCode: DEFAULT_ECR_QUOTAS[api].quotaCode, rate: value.rate, ...(value.burst !== undefined ? { burst: value.burst } : {}) };
  }
  return { quotas, overridden };
}
