import type { PlatformConfig } from "../config/schema";
import type { BackendPlan, RegistryRef } from "./plan-types";
import { DEFAULT_ECR_QUOTAS, ECR_APIS, type EcrQuotas } from "./pull-budget";

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

export function backendFor(config: PlatformConfig, stackName: string): BackendPlan {
  const chosen = config.stackBackends[stackName] ?? config.backend;
  // Relative to the stack's directory (cdktf.out/stacks/<stack>), pointing out of cdktf.out: cdktf
  // deletes the directory of a stack that leaves the config, and its state must not go with it.
  if (chosen.type === "local") return { type: "local", path: localStatePath(stackName) };
  return {
    type: "s3",
    bucket: chosen.bucket,
    key: chosen.key ?? `${chosen.keyPrefix ? `${chosen.keyPrefix}/` : ""}${stackName}.tfstate`,
    region: chosen.region,
    useLockfile: chosen.useLockfile,
    encrypt: chosen.encrypt,
  };
}

/** Local state lives in terraform-state/ at the project root (git-ignored), outside cdktf.out. */
export function localStatePath(stackName: string): string {
  return `../../../terraform-state/${stackName}.tfstate`;
}

export function parseRegistryKey(key: string): RegistryRef {
  const [account, region] = key.split("/") as [string, string];
  return { account, region };
}
