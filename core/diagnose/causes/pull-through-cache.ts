import type { CauseRule } from "../types";
import { withImage } from "./shared";

/**
 * Pull-through cache upstream errors. Shapes:
 * - "denied: The authentication to the upstream registry failed. Verify that the credentials ..."
 *   (github.com/aws/containers-roadmap/issues/2354): the ecr-pullthroughcache/ secret is empty or
 *   wrong, or a Docker Hub official image lacks `library/` (aws-facts: a misleading auth failure).
 * An upstream 404 reaches the task as the same "not found" a missing tag gives: it is reported as
 * image-tag-not-found, and the fix (fixes.ts) names the upstream when the image goes through the cache.
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
];
