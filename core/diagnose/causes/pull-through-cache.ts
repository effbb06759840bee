import type { CauseRule } from "../types";
import { withImage } from "./shared";

/**
 * Pull-through cache upstream errors. Shapes:
 * - "denied: The authentication to the upstream registry failed. Verify that the credentials ..."
 *   (github.com/aws/containers-roadmap/issues/2354): the ecr-pullthroughcache/ secret is empty or
 *   wrong, or a Docker Hub official image lacks `library/` (aws-facts: a misleading auth failure).
 * - the upstream answered 404 for the requested repository or tag: "upstream ... not found".
 * - CreatePullThroughCacheRule's own errors (SecretNotFoundException, UnableToAccessSecretException,
 *   UnableToDecryptSecretValueException) in CloudTrail.
 */
export const pullThroughCacheRules: readonly CauseRule[] = [
  {
    id: "ptc-upstream-auth",
    family: "pull-through-cache",
    title: "Pull-through cache could not authenticate to the upstream registry",
    when: [/authentication to the upstream registry failed|upstream registry requires authentication|SecretNotFoundException|UnableToAccessSecretException|UnableToDecryptSecretValueException/i],
    detail: (text) => withImage(text),
  },
  {
    id: "ptc-upstream-not-found",
    family: "pull-through-cache",
    title: "The upstream registry has no such repository or tag",
    when: [/upstream/i, /not found|404|does not exist/i],
    detail: (text) => withImage(text),
  },
];
