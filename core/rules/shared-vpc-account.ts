import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perSharer } from "./support/vpc-sharers";

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
