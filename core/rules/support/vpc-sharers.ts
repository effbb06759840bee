/** Walks over environments sharing a VPC with its owner, for the shared VPC rules. */
import { sharedVpcGroups } from "../../estate/shared-vpc";
import type { EnvironmentPlan } from "../../model/plan-types";
import type { RuleViolation } from "../rule";

/**
 * Environments that declare one VPC (one Region, one VPC id) must agree on what it is: the first
 * by stack name owns its endpoints (core/estate/shared-vpc.ts), and each other is judged against it.
 */
export function perSharer(environments: readonly EnvironmentPlan[], judge: (other: EnvironmentPlan, owner: EnvironmentPlan) => { path: string; message: string } | undefined): RuleViolation[] {
  return sharedVpcGroups(environments).flatMap(([owner, ...others]) =>
    others.flatMap((other) => {
      const hit = judge(other, owner!);
      return hit ? [{ ...hit, stack: other.stackName }] : [];
    }),
  );
}
