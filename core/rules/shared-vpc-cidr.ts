import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perSharer } from "./support/vpc-sharers";

export const sharedVpcCidr: Rule = {
  definition: catalogue.sharedVpcCidr,
  check: ({ plan }) =>
    perSharer(plan.environments, (other, owner) =>
      other.vpc.cidr !== owner.vpc.cidr
        ? { path: `environments.${other.environment}.regions.${other.region}.vpc.cidr`, message: `is ${other.vpc.cidr}, but environments.${owner.environment} declares the same VPC ${owner.vpc.id} with ${owner.vpc.cidr}` }
        : undefined,
    ),
};
