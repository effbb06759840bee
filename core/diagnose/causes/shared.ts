import { ECR_REGISTRY_HOST_SOURCE, FIXED_UPSTREAM_HOSTS_SOURCE } from "../../../facts/upstream-registries";
import type { CauseDetail } from "../types";

const ECR_APIS = ["GetAuthorizationToken", "BatchGetImage", "GetDownloadUrlForLayer", "BatchCheckLayerAvailability"] as const;

/**
 * The ECR API a pull failure hit. CloudTrail names it; the runtime's message implies it by the
 * URL it was fetching: /manifests/ is the manifest (BatchGetImage), /blobs/ or a layer copy is a
 * layer download (GetDownloadUrlForLayer), a token or login is GetAuthorizationToken.
 */
export function ecrApiOf(text: string): string | undefined {
  const named = ECR_APIS.find((api) => text.includes(api));
  if (named) return named;
  if (/\/blobs\/|httpReadSeeker|failed to copy|layer/i.test(text)) return "GetDownloadUrlForLayer";
  if (/\/manifests\/|failed to resolve ref|manifest/i.test(text)) return "BatchGetImage";
  if (/authorization token|registry auth|get-login/i.test(text)) return "GetAuthorizationToken";
  return undefined;
}

/** "/<repository>[:tag|@digest]" after a registry host. */
const IMAGE_PATH = String.raw`\/[a-z0-9._/-]+(?:[:@][A-Za-z0-9._:-]+)?`;
const ECR_IMAGE = new RegExp(String.raw`\b${ECR_REGISTRY_HOST_SOURCE}${IMAGE_PATH}`);
const UPSTREAM_IMAGE = new RegExp(String.raw`\b(?:${FIXED_UPSTREAM_HOSTS_SOURCE})${IMAGE_PATH}`);

/** An image reference or ECR repository path in a runtime message, e.g. "111111111111.dkr.ecr.us-east-1.amazonaws.com/orders:3f9c2d1". */
export function imageOf(text: string): string | undefined {
  // A private ECR path names the repository the task pulls, so it wins over an upstream one.
  const image = ECR_IMAGE.exec(text) ?? UPSTREAM_IMAGE.exec(text);
  return image?.[0].replace(/[.:]$/, "");
}

export function withImage(text: string, extra: CauseDetail = {}): CauseDetail {
  const image = imageOf(text);
  return image ? { ...extra, image } : extra;
}

/** Throttling in any of the shapes AWS and registries use. */
export const THROTTLED = /ThrottlingException|Throttling|Rate exceeded|TooManyRequests|Too Many Requests|\b429\b/i;
