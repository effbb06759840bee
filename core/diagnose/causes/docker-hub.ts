import type { CauseRule } from "../types";
import { withImage } from "./shared";

/**
 * Docker Hub pull limits: 100 pulls per 6 hours per IPv4 address (or IPv6 /64) unauthenticated,
 * 200 per 6 hours for a Personal account (docs.docker.com/docker-hub/usage/pulls, 2025-03). A NAT
 * gateway is one address, so a whole VPC shares the anonymous 100. Shapes:
 * - anonymous: "toomanyrequests: You have reached your pull rate limit. You may increase the limit
 *   by authenticating and upgrading" (AWS knowledge center "ecs-pull-container-error-rate-limit";
 *   github.com/apptension/saas-boilerplate/issues/204); since 2025 also "toomanyrequests: You have
 *   reached your unauthenticated pull rate limit" (github.com/getarcaneapp/arcane/issues/862).
 * - authenticated: "You have reached your pull rate limit as '<user>': <token id>. You may increase
 *   the limit by upgrading" (the message names the account instead of asking to authenticate).
 * - abuse limit: a bare "429 Too Many Requests" from registry-1.docker.io without the
 *   toomanyrequests body, applied per IP to everyone.
 */
export const dockerHubRules: readonly CauseRule[] = [
  {
    id: "docker-hub-authenticated",
    family: "docker-hub",
    title: "Docker Hub pull rate limit (authenticated account)",
    when: [/pull rate limit as ['"]?[^'"\s]+|increase the limit by upgrading/i],
    detail: (text) => withImage(text),
  },
  {
    id: "docker-hub-anonymous",
    family: "docker-hub",
    title: "Docker Hub pull rate limit (anonymous, per egress IP)",
    when: [/You have reached your (unauthenticated )?pull rate limit/i],
    detail: (text) => withImage(text),
  },
  {
    id: "docker-hub-abuse",
    family: "docker-hub",
    title: "Docker Hub abuse limit (bare HTTP 429 per IP)",
    when: [/docker\.io|docker\.com/i, /\b429\b|Too Many Requests/i],
    unless: [/pull rate limit/i],
    detail: (text) => withImage(text),
  },
];
