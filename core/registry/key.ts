import type { RegistryRef } from "../model/plan-types";

/**
 * A registry (one account's ECR in one Region) as a map key, and back: planners group images,
 * replication and quotas by registry, and the two directions live together so they cannot drift.
 */
export function registryKey(ref: RegistryRef): string {
  return `${ref.account}/${ref.region}`;
}

export function parseRegistryKey(key: string): RegistryRef {
  const [account, region] = key.split("/") as [string, string];
  return { account, region };
}
