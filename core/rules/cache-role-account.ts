import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perCacheRule } from "./support/cache-rules";

/**
 * What ECR refuses in a registry's pull-through cache rules (docs/aws-facts.md, "ECR pull-through
 * cache"), judged on each registry plan's rules: the config path is the rule's own, the stack the
 * registry stack.
 */

/** ECR assumes an ECR-to-ECR rule's role for this registry: it must live in the registry's account. */
export const cacheRoleAccount: Rule = {
  definition: catalogue.cacheRoleAccount,
  check: ({ plan }) =>
    perCacheRule(plan.registries, (rule, r) => {
      const roleAccount = rule.customRoleArn?.split(":")[4];
      return rule.kind === "ecr" && rule.customRoleArn !== undefined && roleAccount !== r.account
        ? { path: `${rule.configPath}.roleArn`, message: `is in account ${roleAccount}, but ECR assumes it for registry ${r.account}; the role must be in the registry's own account` }
        : undefined;
    }),
};
