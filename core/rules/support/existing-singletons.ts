/** Walks over each registry plan's existing singletons, for the rules that judge them. */
import type { ExistingSingletons, RegistryPlan } from "../../model/plan-types";
import type { RuleViolation } from "../rule";

export function existingPath(r: RegistryPlan): string {
  return `accounts.${r.accountAlias}.registry.existing.${r.region}`;
}

export function perExisting(registries: readonly RegistryPlan[], judge: (existing: ExistingSingletons, registry: RegistryPlan, path: string) => { path: string; message: string }[]): RuleViolation[] {
  return registries.flatMap((r) => (r.existing ? judge(r.existing, r, existingPath(r)).map((hit) => ({ ...hit, stack: r.stackName })) : []));
}
