import { sharedVpcGroups } from "../estate/shared-vpc";
import type { EnvironmentPlan } from "../model/plan-types";
import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";

/**
 * Environments that declare one VPC (one Region, one VPC id) must agree on what it is: the first
 * by stack name owns its endpoints (core/estate/shared-vpc.ts), and each other is judged against it.
 */
function perSharer(environments: readonly EnvironmentPlan[], judge: (other: EnvironmentPlan, owner: EnvironmentPlan) => { path: string; message: string } | undefined): RuleViolation[] {
  return sharedVpcGroups(environments).flatMap(([owner, ...others]) =>
    others.flatMap((other) => {
      const hit = judge(other, owner!);
      return hit ? [{ ...hit, stack: other.stackName }] : [];
    }),
  );
}

export const sharedVpcCidr: Rule = {
  definition: catalogue.sharedVpcCidr,
  check: ({ plan }) =>
    perSharer(plan.environments, (other, owner) =>
      other.vpc.cidr !== owner.vpc.cidr
        ? { path: `environments.${other.environment}.regions.${other.region}.vpc.cidr`, message: `is ${other.vpc.cidr}, but environments.${owner.environment} declares the same VPC ${owner.vpc.id} with ${owner.vpc.cidr}` }
        : undefined,
    ),
};

/** A VPC shared across accounts (RAM) has its endpoints in the owner account. */
export const sharedVpcAccount: Rule = {
  definition: catalogue.sharedVpcAccount,
  check: ({ plan }) =>
    perSharer(plan.environments, (other, owner) =>
      other.account !== owner.account
        ? {
            path: `environments.${other.environment}.regions.${other.region}.vpc.id`,
            message: `is also used by environments.${owner.environment} in account ${owner.account}; a VPC shared across accounts (RAM) has its endpoints in the owner account: set them as existingId in the other account`,
          }
        : undefined,
    ),
};
