/** Walks over registries that replicate, with their destinations, for the replication limit rules. */
import type { RegistryPlan } from "../../model/plan-types";
import type { RuleViolation } from "../rule";

/**
 * ECR's replication limits (docs/aws-facts.md, "Repository creation templates and replication"),
 * judged on each registry's merged rules, explicit and derived: the config path is the registry's
 * replicationRules, the stack its registry stack.
 */
export function perReplicatingRegistry(registries: readonly RegistryPlan[], judge: (registry: RegistryPlan, where: string) => string[]): RuleViolation[] {
  return registries
    .filter((r) => r.replicationRules.length > 0)
    .flatMap((r) => judge(r, `${r.account}/${r.region}`).map((message) => ({ stack: r.stackName, path: `accounts.${r.accountAlias}.registry.replicationRules`, message })));
}
