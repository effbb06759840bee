import * as catalogue from "./catalogue";
import type { Rule, RuleViolation } from "./rule";

/**
 * The role a stack's provider assumes must be in the account the stack applies to: a role elsewhere
 * would apply it to the wrong account (allowed_account_ids would then refuse it). Judged on every
 * stack's access, once per account alias, at the account's assumeRole (no stack: it is the
 * account's setting). An account no stack applies to is never assumed, so it is not judged.
 */
export const assumeRoleAccount: Rule = {
  definition: catalogue.assumeRoleAccount,
  check: ({ plan }) => {
    const byAlias = new Map<string, RuleViolation>();
    for (const stack of [...plan.registries, ...plan.environments]) {
      const roleAccount = stack.access.assumeRole?.roleArn.split(":")[4];
      if (roleAccount === undefined || roleAccount === stack.account) continue;
      byAlias.set(stack.accountAlias, {
        path: `accounts.${stack.accountAlias}.assumeRole.roleArn`,
        message: `is in account ${roleAccount}, but accounts.${stack.accountAlias} is ${stack.account}; assume a role in the account the stacks apply to`,
      });
    }
    return [...byAlias.values()];
  },
};
