import { upstreamGrantStatement } from "../images/own-images";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * An explicit ECR-to-ECR cache rule to an account this config does not manage: ECR's cache role
 * reads that registry only if its policy grants it (registry policy scope V2), and no stack here
 * writes that policy, so the finding hands the user the exact statement to add.
 */
export const upstreamPolicy: Rule = {
  definition: catalogue.upstreamPolicy,
  check: ({ plan }) =>
    plan.registries.flatMap((registry) =>
      registry.cacheRules.flatMap((rule) => {
        if (!rule.upstreamUnmanaged || rule.customRoleArn === undefined || rule.upstreamAccount === undefined || rule.upstreamRegion === undefined) return [];
        const statement = upstreamGrantStatement({ account: rule.upstreamAccount, region: rule.upstreamRegion }, [rule.customRoleArn]);
        return [
          {
            path: rule.configPath,
            message: `caches from account ${rule.upstreamAccount}, which this config does not manage: add to that registry's policy in ${rule.upstreamRegion} (registry policy scope V2) the statement ${JSON.stringify(statement)}`,
            stack: registry.stackName,
          },
        ];
      }),
    ),
};
