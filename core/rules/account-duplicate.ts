import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * One alias per AWS account: stacks and names are planned per account, so two aliases of one id
 * would clash. The first alias keeps the id (planAccounts); each later one is the error.
 */
export const accountDuplicate: Rule = {
  definition: catalogue.accountDuplicate,
  check: ({ plan }) => {
    const firstAlias = new Map<string, string>();
    return plan.accounts.flatMap(({ alias, id }) => {
      const first = firstAlias.get(id);
      if (first === undefined) {
        firstAlias.set(id, alias);
        return [];
      }
      return [{ path: `accounts.${alias}.id`, message: `repeats account ${id}, already declared as accounts.${first}` }];
    });
  },
};
