import type { FindingLog } from "../findings";
import type { FindingLevel, PlatformPlan } from "../plan-types";
import { directPullEgress, dockerHubDirect, dockerHubLimit } from "./docker-hub";
import { endpointPolicyBlocksPull, endpointPolicyScope } from "./endpoint-policy";
import { ecrQuota, ecrQuotaAccount, ecrQuotaEnvironment, ecrQuotaNear } from "./ecr-quota";
import { digestThroughCache, mutableTemplateTags, preferCached } from "./image-hygiene";
import type { Rule } from "./rule";
import { rolloutBurst } from "./rollout-burst";
import { rolloutCapacity } from "./rollout-capacity";
import { rolloutProgress } from "./rollout-progress";
import { rollbackAlarms, scaleOutBurst, strategyBurst } from "./start-bursts";

/**
 * The pack: which rules run and how much each matters. Errors stop synth (a deployment that would
 * throttle itself or cannot progress); warnings become cdktf annotations and report lines.
 */
export const PULLGUARD_PACK: ReadonlyArray<readonly [Rule, FindingLevel]> = [
  [rolloutProgress, "error"],
  [ecrQuota, "error"],
  [dockerHubDirect, "error"],
  [dockerHubLimit, "error"],
  [directPullEgress, "error"],
  [strategyBurst, "error"],
  [scaleOutBurst, "error"],
  [endpointPolicyBlocksPull, "error"],
  [rolloutCapacity, "warning"],
  [rolloutBurst, "warning"],
  [rollbackAlarms, "warning"],
  [ecrQuotaNear, "warning"],
  [ecrQuotaEnvironment, "warning"],
  [ecrQuotaAccount, "warning"],
  [digestThroughCache, "warning"],
  [mutableTemplateTags, "warning"],
  [preferCached, "warning"],
  [endpointPolicyScope, "warning"],
];

export function runRules(plan: Omit<PlatformPlan, "findings" | "suppressed">, log: FindingLog): void {
  for (const [rule, level] of PULLGUARD_PACK) {
    for (const hit of rule.check({ plan })) {
      log.add({ level, path: hit.path, message: hit.message, rule: rule.id, ...(hit.stack !== undefined ? { stack: hit.stack } : {}) });
    }
  }
}
