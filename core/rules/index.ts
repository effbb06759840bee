import type { FindingLog } from "../model/findings";
import type { PlatformPlan } from "../model/plan-types";
import { ec2Architecture } from "./ec2-architecture";
import { existingClusterCapacity } from "./existing-cluster-capacity";
import { directPullEgress } from "./direct-pull-egress";
import { dockerHubDirect } from "./docker-hub-direct";
import { dockerHubLimit } from "./docker-hub-limit";
import { endpointPolicyBlocksPull } from "./endpoint-policy-blocks-pull";
import { endpointPolicyScope } from "./endpoint-policy-scope";
import { ecrQuota } from "./ecr-quota";
import { ecrQuotaAccount } from "./ecr-quota-account";
import { ecrQuotaEnvironment } from "./ecr-quota-environment";
import { ecrQuotaNear } from "./ecr-quota-near";
import { ec2MemoryHeadroom } from "./ec2-memory-headroom";
import { ec2SizeUnchecked } from "./ec2-size-unchecked";
import { ec2TaskFit } from "./ec2-task-fit";
import { ec2TaskNeverFits } from "./ec2-task-never-fits";
import { digestThroughCache } from "./digest-through-cache";
import { mutableTemplateTags } from "./mutable-tags";
import { preferCached } from "./prefer-cached";
import { capacityProviderName } from "./capacity-provider-name";
import { nameClash } from "./name-clash";
import { secretByName } from "./secret-name";
import { secretByValue } from "./secret-value";
import { latestImage } from "./image-latest";
import { tagVariableWithoutTag } from "./image-tag-variable";
import { unapprovedImage } from "./image-not-approved";
import { untaggedImage } from "./image-untagged";
import { containerReference } from "./container-reference";
import { loadBalancerContainer } from "./load-balancer-container";
import { loadBalancerPort } from "./load-balancer-port";
import { taskDefinitionSize } from "./task-definition-size";
import { circuitBreakerSettings } from "./circuit-breaker-settings";
import { policySize } from "./policy-size";
import { existingCacheRule } from "./existing-cache-rule";
import { existingCredentialSecret } from "./existing-credential-secret";
import { existingUnmanaged } from "./existing-unmanaged";
import { firstApplyReplaces } from "./first-apply-replaces";
import { registryPolicySid } from "./registry-policy-sid";
import { sharedVpcAccount } from "./shared-vpc-account";
import { sharedVpcCidr } from "./shared-vpc-cidr";
import { deployOrder } from "./deploy-order";
import { registryArnLocation } from "./registry-arn-location";
import { assumeRoleAccount } from "./assume-role-account";
import { upstreamPolicy } from "./upstream-policy";
import { cachePrefixDuplicate } from "./cache-prefix-duplicate";
import { cachePrefixNested } from "./cache-prefix-nested";
import { cacheRoleAccount } from "./cache-role-account";
import { cacheRoleMissing } from "./cache-role-missing";
import { cacheRuleLimit } from "./cache-rule-limit";
import { cacheSecretRegion } from "./cache-secret-region";
import { cacheSelf } from "./cache-self";
import { fargateVcpu } from "./fargate-vcpu";
import { fargateVcpuAccount } from "./fargate-vcpu-account";
import { fargateLaunchRate } from "./fargate-launch-rate";
import { replicationDestinationLimit } from "./replication-destination-limit";
import { replicationFilterLimit } from "./replication-filter-limit";
import { replicationRuleLimit } from "./replication-rule-limit";
import type { Rule } from "./rule";
import { cacheFirstPullRoute } from "./cache-first-pull-route";
import { crossAccountPullPolicy } from "./cross-account-pull-policy";
import { eventRuleQuota } from "./event-rule-quota";
import { existingClusterAutoscaling } from "./existing-cluster-autoscaling";
import { stackNameDuplicate } from "./stack-name-duplicate";
import { stackNameReserved } from "./stack-name-reserved";
import { alarmTopicRegion } from "./alarm-topic-region";
import { backendShared } from "./backend-shared";
import { endpointIdMultiRegion } from "./endpoint-id-multi-region";
import { ec2CapacitySize } from "./ec2-capacity-size";
import { arnRegion } from "./arn-region";
import { lifecycleHookRegion } from "./lifecycle-hook-region";
import { targetGroupLocation } from "./target-group-location";
import { endpointOff } from "./endpoint-off";
import { accountDuplicate } from "./account-duplicate";
import { subnetZone } from "./subnet-zone";
import { rolloutBurst } from "./rollout-burst";
import { rolloutCapacity } from "./rollout-capacity";
import { rolloutProgress } from "./rollout-progress";
import { rollbackAlarms } from "./rollback-alarms";
import { scaleOutBurst } from "./scale-out-burst";
import { strategyBurst } from "./strategy-burst";
import { tagLimit } from "./tag-limit";
import { execRole } from "./exec-role";
import { replicationBackfill } from "./replication-backfill";
import { upstreamFirstDeploy } from "./upstream-first-deploy";
import { upstreamPlan } from "./upstream-plan";
import { upstreamRefresh } from "./upstream-refresh";

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
