import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perCacheRule } from "./support/cache-rules";

/**
 * What ECR refuses in a registry's pull-through cache rules (docs/aws-facts.md, "ECR pull-through
 * cache"), judged on each registry plan's rules: the config path is the rule's own, the stack the
 * registry stack.
 */

/** Across accounts ECR needs a role to read the upstream; a same-account (cross-Region) rule works with its service-linked role. */
export const cacheRoleMissing: Rule = {
  definition: catalogue.cacheRoleMissing,
  check: ({ plan }) =>
    perCacheRule(plan.registries, (rule, r) =>
      rule.kind === "ecr" && rule.customRoleArn === undefined && rule.upstreamAccount !== r.account
        ? { path: `${rule.configPath}.roleArn`, message: `is required: a cross-account ECR-to-ECR rule needs a role in account ${r.account} that may pull from ${rule.upstreamAccount}` }
        : undefined,
    ),
};
