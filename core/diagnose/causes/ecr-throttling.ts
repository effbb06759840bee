import type { CauseRule } from "../types";
import { ecrApiOf, THROTTLED, withImage } from "./shared";

/**
 * ECR API throttling. Shapes:
 * - CloudTrail: errorCode ThrottlingException, errorMessage "Rate exceeded", eventName the API
 *   (the CloudTrail query in "Stopping ECR Image Pull Throttling From Killing Your ECS Deployments").
 * - Runtime: "429 Too Many Requests" in CannotPullContainerError (same article); Docker clients
 *   print "toomanyrequests: Rate exceeded" (ECR troubleshooting docs, quoted in
 *   github.com/mitogen-hq/mitogen/pull/790).
 * - ECR Public without authentication throttles per source IP: "toomanyrequests: Rate exceeded"
 *   from public.ecr.aws (github.com/openreplay/openreplay/issues/4076).
 */
export const ecrThrottlingRules: readonly CauseRule[] = [
  {
    id: "ecr-public-rate-limit",
    family: "ecr-throttling",
    title: "ECR Public throttled unauthenticated pulls (per source IP)",
    when: [/public\.ecr\.aws/, THROTTLED],
    detail: (text) => withImage(text),
  },
  {
    id: "ecr-throttling",
    family: "ecr-throttling",
    title: "ECR API throttling",
    when: [THROTTLED],
    // Docker Hub and other registries say 429 too; ECR is named by its host, its API or CloudTrail's source.
    unless: [/docker\.io|docker\.com|pull rate limit/i, /\((?!ecr)[a-z0-9-]+\.amazonaws\.com\)$/],
    detail: (text) => {
      const api = ecrApiOf(text);
      return withImage(text, api ? { api } : {});
    },
  },
];
