import type { CauseRule } from "../types";
import { capacityRules } from "./capacity";
import { dockerHubRules } from "./docker-hub";
import { ecrThrottlingRules } from "./ecr-throttling";
import { fargateLaunchRules } from "./fargate-launch";
import { iamRules } from "./iam";
import { imageNotFoundRules } from "./image-not-found";
import { networkRules } from "./network";
import { pullThroughCacheRules } from "./pull-through-cache";
import { registryAccessRules } from "./registry-access";
import { resourceInitializationRules } from "./resource-initialization";

export { INFORMATIONAL } from "./informational";

/**
 * Every cause rule, most specific first: the first rule whose patterns match wins. Order matters:
 * ResourceInitializationError wraps throttling, IAM and network messages; Docker Hub and the cache's
 * upstream errors say 429 or "denied" too; endpoint-policy denials read like IAM denials; Fargate
 * launch throttling reads like ECR throttling; a timeout is the last resort before unclassified.
 */
export const CAUSE_RULES: readonly CauseRule[] = [
  ...resourceInitializationRules,
  ...dockerHubRules,
  ...pullThroughCacheRules,
  ...fargateLaunchRules,
  ...networkRules.filter((r) => r.id === "network-endpoint-policy"),
  ...iamRules,
  ...registryAccessRules,
  ...ecrThrottlingRules,
  ...imageNotFoundRules,
  ...networkRules.filter((r) => r.id !== "network-endpoint-policy"),
  ...capacityRules,
];
