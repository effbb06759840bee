import type { PlatformConfig } from "../../config/schema";
import { DEFAULT_ECR_QUOTAS, ECR_APIS, type EcrQuotas } from "../budget";

export function quotasFor(config: PlatformConfig, region: string): { quotas: EcrQuotas; overridden: string[] } {
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
