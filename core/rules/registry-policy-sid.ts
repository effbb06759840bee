import { quoted } from "../../config/problems";
import { REGISTRY_POLICY_OWN_SIDS } from "../registry/policies";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * A registryPolicyStatements entry must not take a Sid of pullguard's own registry policy: the
 * Sids of one policy must be unique. The config's statements are the last
 * configuredPolicyStatements of each registry's policyStatements, in config order.
 */
export const registryPolicySid: Rule = {
  definition: catalogue.registryPolicySid,
  check: ({ plan }) =>
    plan.registries.flatMap((r) =>
      r.policyStatements
        .slice(r.policyStatements.length - r.configuredPolicyStatements)
        .flatMap((statement, i) =>
          statement.Sid !== undefined && REGISTRY_POLICY_OWN_SIDS.has(statement.Sid)
            ? [{ path: `accounts.${r.accountAlias}.registry.registryPolicyStatements[${i}].Sid`, message: `${quoted(statement.Sid)} is a Sid pullguard's own registry policy uses; pick another`, stack: r.stackName }]
            : [],
        ),
    ),
};
