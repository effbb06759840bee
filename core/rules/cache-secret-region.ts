import { upstreamRegistry } from "../../facts/upstream-registries";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";
import { perCacheRule } from "./support/cache-rules";

/**
 * What ECR refuses in a registry's pull-through cache rules (docs/aws-facts.md, "ECR pull-through
 * cache"), judged on each registry plan's rules: the config path is the rule's own, the stack the
 * registry stack.
 */

/**
 * An upstream that needs a credential is planned without one when its existing secrets name none
 * for this Region (a secret is used in its own Region only).
 */
export const cacheSecretRegion: Rule = {
  definition: catalogue.cacheSecretRegion,
  check: ({ plan }) =>
    perCacheRule(plan.registries, (rule, r) =>
      upstreamRegistry(rule.kind).needsCredential && rule.credential === undefined
        ? { path: `${rule.configPath}.credential.secretArns`, message: `has no secret for ${r.region}, where account ${r.accountAlias} runs clusters (the secret must be in the rule's Region)` }
        : undefined,
    ),
};
