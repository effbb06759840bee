import type { FindingLog } from "../model/findings";
import type { PlatformPlan } from "../model/plan-types";
import { ec2Architecture, existingClusterCapacity } from "./capacity";
import { directPullEgress, dockerHubDirect, dockerHubLimit } from "./docker-hub";
import { endpointPolicyBlocksPull, endpointPolicyScope } from "./endpoint-policy";
import { ecrQuota, ecrQuotaAccount, ecrQuotaEnvironment, ecrQuotaNear } from "./ecr-quota";
import { ec2MemoryHeadroom, ec2SizeUnchecked, ec2TaskFit, ec2TaskNeverFits } from "./ec2-task-fit";
import { digestThroughCache, mutableTemplateTags, preferCached } from "./image-hygiene";
import { capacityProviderName, nameClash } from "./names";
import { secretByName, secretByValue } from "./container-secrets";
import { latestImage, tagVariableWithoutTag, unapprovedImage, untaggedImage } from "./image-reference";
import { containerReference, loadBalancerContainer, loadBalancerPort, taskDefinitionSize } from "./task-containers";
import { circuitBreakerSettings } from "./circuit-breaker-settings";
import { policySize } from "./policy-size";
import { existingCacheRule, existingCredentialSecret, existingUnmanaged, firstApplyReplaces } from "./existing-singletons";
import { registryPolicySid } from "./registry-policy-sid";
import { sharedVpcAccount, sharedVpcCidr } from "./shared-vpc";
import { deployOrder } from "./deploy-order";
import { registryArnLocation } from "./registry-arn-location";
import { assumeRoleAccount } from "./assume-role-account";
import { upstreamPolicy } from "./upstream-policy";
import { cachePrefixDuplicate, cachePrefixNested, cacheRoleAccount, cacheRoleMissing, cacheRuleLimit, cacheSecretRegion, cacheSelf } from "./cache-rules";
import { fargateVcpu, fargateVcpuAccount } from "./fargate-vcpu";
import { fargateLaunchRate } from "./fargate-launch-rate";
import { replicationDestinationLimit, replicationFilterLimit, replicationRuleLimit } from "./replication-limits";
import type { Rule } from "./rule";
import { cacheFirstPullRoute, crossAccountPullPolicy, eventRuleQuota, existingClusterAutoscaling } from "./pull-routes";
import { stackNameDuplicate, stackNameReserved } from "./stack-names";
import { alarmTopicRegion } from "./alarm-topic-region";
import { backendShared } from "./backend-shared";
import { endpointIdMultiRegion } from "./endpoint-id-multi-region";
import { ec2CapacitySize } from "./ec2-capacity-size";
import { arnRegion, lifecycleHookRegion, targetGroupLocation } from "./region-bound-arns";
import { endpointOff } from "./endpoint-off";
import { accountDuplicate } from "./account-duplicate";
import { subnetZone } from "./subnet-zone";
import { rolloutBurst } from "./rollout-burst";
import { rolloutCapacity } from "./rollout-capacity";
import { rolloutProgress } from "./rollout-progress";
import { rollbackAlarms, scaleOutBurst, strategyBurst } from "./start-bursts";
import { tagLimit } from "./tag-limit";
import { execRole, replicationBackfill } from "./unmanaged-grants";
import { upstreamFirstDeploy, upstreamPlan, upstreamRefresh } from "./upstream-pulls";

/**
 * The pack: which rules run. How much each matters is its definition's level: errors stop synth (a
 * deployment that would throttle itself or cannot progress); warnings become cdktf annotations and
 * report lines.
 */
export const PULLGUARD_PACK: readonly Rule[] = [
  rolloutProgress,
  ecrQuota,
  dockerHubDirect,
  dockerHubLimit,
  upstreamPlan,
  upstreamFirstDeploy,
  upstreamRefresh,
  directPullEgress,
  strategyBurst,
  scaleOutBurst,
  endpointPolicyBlocksPull,
  nameClash,
  capacityProviderName,
  tagLimit,
  rolloutCapacity,
  rolloutBurst,
  rollbackAlarms,
  ecrQuotaNear,
  ecrQuotaEnvironment,
  ecrQuotaAccount,
  fargateVcpu,
  fargateVcpuAccount,
  fargateLaunchRate,
  digestThroughCache,
  mutableTemplateTags,
  preferCached,
  endpointPolicyScope,
  ec2Architecture,
  existingClusterCapacity,
  execRole,
  replicationBackfill,
  replicationRuleLimit,
  replicationDestinationLimit,
  replicationFilterLimit,
  cacheFirstPullRoute,
  crossAccountPullPolicy,
  existingClusterAutoscaling,
  eventRuleQuota,
  secretByName,
  secretByValue,
  untaggedImage,
  latestImage,
  tagVariableWithoutTag,
  unapprovedImage,
  containerReference,
  taskDefinitionSize,
  loadBalancerContainer,
  loadBalancerPort,
  circuitBreakerSettings,
  policySize,
  cacheSecretRegion,
  cacheSelf,
  cacheRoleAccount,
  cacheRoleMissing,
  cachePrefixDuplicate,
  cachePrefixNested,
  cacheRuleLimit,
  existingUnmanaged,
  existingCacheRule,
  existingCredentialSecret,
  firstApplyReplaces,
  registryPolicySid,
  sharedVpcCidr,
  sharedVpcAccount,
  deployOrder,
  registryArnLocation,
  assumeRoleAccount,
  upstreamPolicy,
  ec2SizeUnchecked,
  ec2MemoryHeadroom,
  ec2TaskNeverFits,
  ec2TaskFit,
  stackNameReserved,
  stackNameDuplicate,
  backendShared,
  alarmTopicRegion,
  subnetZone,
  accountDuplicate,
  endpointOff,
  endpointIdMultiRegion,
  ec2CapacitySize,
  arnRegion,
  targetGroupLocation,
  lifecycleHookRegion,
];

export function runRules(plan: Omit<PlatformPlan, "findings" | "suppressed">, log: FindingLog): void {
  for (const rule of PULLGUARD_PACK) {
    for (const hit of rule.check({ plan })) log.judge(rule.definition, hit.path, hit.message, hit.stack);
  }
}
