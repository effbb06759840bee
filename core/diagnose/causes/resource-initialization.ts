import type { CauseDetail, CauseRule } from "../types";
import { THROTTLED } from "./shared";

/**
 * Fargate stops a task whose execution role cannot fetch registry auth or secrets with
 * "ResourceInitializationError: unable to pull secrets or registry auth: ..." (not
 * CannotPullContainerError). Shapes:
 * - "execution resource retrieval failed: unable to retrieve secret from asm: service call has been
 *   retried 5 time(s): failed to fetch secret ... context deadline exceeded. Please check your task
 *   network configuration." (github.com/Releem/releem-agent/issues/195) -> network
 * - "unable to retrieve secrets from ssm: service call has been retried 1 time(s):
 *   AccessDeniedException: User: ..." (github.com/aws/copilot-cli/issues/3104) -> IAM
 * - "unable to retrieve ecr registry auth: ... ThrottlingException: Rate exceeded" -> throttling
 * - Secrets Manager's "Access to KMS is not allowed" / kms:Decrypt denials -> KMS
 */
const RIE = /ResourceInitializationError|unable to pull secrets or registry auth/;

function step(text: string): CauseDetail {
  if (/registry auth:|ecr registry auth|GetAuthorizationToken|ecr auth/i.test(text) && !/asm|ssm|secret/i.test(text.replace(/secrets or registry auth/, ""))) {
    return { step: "registry-auth" };
  }
  return { step: "secrets" };
}

export const resourceInitializationRules: readonly CauseRule[] = [
  {
    id: "resource-init-kms",
    family: "resource-initialization",
    title: "ResourceInitializationError: KMS denied decrypting a secret",
    when: [RIE, /KMS|kms:Decrypt|KMSAccessDenied|DecryptionFailure/],
    detail: step,
  },
  {
    id: "resource-init-throttling",
    family: "resource-initialization",
    title: "ResourceInitializationError: registry auth or secrets fetch throttled",
    when: [RIE, THROTTLED],
    detail: (text) => ({ ...step(text), ...(/ecr|registry auth/i.test(text) ? { api: "GetAuthorizationToken" } : {}) }),
  },
  {
    // CloudTrail's side of the same failure: the execution role's GetSecretValue/GetParameters throttled.
    id: "resource-init-throttling",
    family: "resource-initialization",
    title: "ResourceInitializationError: registry auth or secrets fetch throttled",
    when: [/^(GetSecretValue|GetParameters|GetParameter|Decrypt) /, THROTTLED, /\((secretsmanager|ssm|kms)\.amazonaws\.com\)/],
    sources: ["cloudtrail"],
    detail: () => ({ step: "secrets" }),
  },
  {
    id: "resource-init-iam",
    family: "resource-initialization",
    title: "ResourceInitializationError: the execution role may not read a secret or registry auth",
    when: [RIE, /AccessDenied|not authorized to perform|ResourceNotFoundException|ParameterNotFound/],
    detail: (text) => {
      const action = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z]+)/.exec(text)?.[1];
      return { ...step(text), ...(action ? { action } : {}) };
    },
  },
  {
    id: "resource-init-network",
    family: "resource-initialization",
    title: "ResourceInitializationError: no network path to Secrets Manager, SSM or ECR",
    when: [RIE, /context deadline exceeded|i\/o timeout|RequestCanceled|dial tcp|network configuration|connection/i],
    detail: step,
  },
  {
    id: "resource-init-other",
    family: "resource-initialization",
    title: "ResourceInitializationError (no further detail in the message)",
    when: [RIE],
    detail: step,
  },
];
