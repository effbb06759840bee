import { FIXED_UPSTREAM_HOSTS_SOURCE } from "../../../facts/upstream-registries";
import type { CauseRule } from "../types";
import { withImage } from "./shared";

/**
 * Network. Shapes:
 * - no route: "failed to do request: Head \"https://registry-1.docker.io/v2/.../manifests/2.110.5\":
 *   dial tcp 34.205.13.154:443: i/o timeout" (github.com/ActionIQ/terraform-aws-retool-ecs-fargate/issues/20);
 *   "Error response from daemon: Get https://...: net/http: request canceled while waiting for
 *   connection" (ECS CannotPullContainer docs; github.com/moby/moby/issues/37532).
 * - layers come from S3 (bucket prod-<region>-starport-layer-bucket): with ECR interface endpoints
 *   but no S3 gateway endpoint the manifest resolves and the layer download times out.
 * - endpoint policy: IAM's "because no VPC endpoint policy allows" / "with an explicit deny in a VPC
 *   endpoint policy", or S3's 403 AccessDenied on the layer bucket.
 */
const TIMEOUT = /i\/o timeout|request canceled|context canceled|context deadline exceeded|Client\.Timeout|dial tcp|no such host|connection refused|connection reset|TLS handshake timeout/i;

export const networkRules: readonly CauseRule[] = [
  {
    id: "network-endpoint-policy",
    family: "network",
    title: "A VPC endpoint policy denies the pull",
    when: [/VPC endpoint policy|vpce-[0-9a-f]+.*(denied|AccessDenied)|starport-layer-bucket.*(403|AccessDenied|Forbidden)|(403|AccessDenied|Forbidden).*starport-layer-bucket/i],
    detail: (text) => withImage(text),
  },
  {
    id: "network-s3-gateway-missing",
    family: "network",
    title: "Layer download from S3 timed out (no S3 gateway endpoint on the route tables)",
    when: [/starport-layer-bucket|\.s3\.[a-z0-9-]*\.?amazonaws\.com|s3\.amazonaws\.com/i, TIMEOUT],
    detail: (text) => withImage(text, { api: "GetDownloadUrlForLayer" }),
  },
  {
    id: "network-no-route-ecr",
    family: "network",
    title: "No network path to the registry (ECR endpoints, NAT or public IP)",
    when: [new RegExp(String.raw`dkr\.ecr|api\.ecr|ecr\.[a-z0-9-]+\.amazonaws\.com|${FIXED_UPSTREAM_HOSTS_SOURCE}`, "i"), TIMEOUT],
    detail: (text) => withImage(text),
  },
  {
    id: "network-timeout",
    family: "network",
    title: "Image pull timed out (NAT or registry path)",
    when: [/CannotPullContainer|pull/i, TIMEOUT],
    detail: (text) => withImage(text),
  },
];
