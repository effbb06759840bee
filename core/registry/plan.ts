import { ecrRegistryHost } from "../../facts/ecr";
import type { CredentialConfig, DetectionConfig, PullThroughCacheConfig, RegistryConfig } from "../../config/schema";
import { azureRegistryHost, FIXED_HOST_UPSTREAMS } from "../../facts/upstream-registries";
import { alertTopicName, credentialVariableName, pullThroughCacheSecretName, registryStackName, snsTopicArn, templateRoleName, usageAlarmName } from "../locations/naming";
import type {
  LifecyclePolicyDocument,
  CachePrefixDeclaration,
  CacheRulePlan,
  CreatedCredential,
  ExistingCredential,
  QuotaRequestPlan,
  RegistryDraft,
  RegistryRef,
  ReplicationRulePlan,
  RepositoryTemplatePlan,
  TemplateSettingsPlan,
  UsageAlarmPlan,
} from "../model/plan-types";
import { DEFAULT_ECR_QUOTAS, ECR_APIS, type EcrQuotas } from "../budget";
import { alertTopicPolicy, templateRolePolicies } from "./policies";
import { templatesInRegion } from "./region-settings";
import { byCodePoint } from "../sort";

/** aws-facts.md, "ECR pull-through cache": 50 rules per registry (older docs said 10). */
export const MAX_CACHE_RULES_PER_REGISTRY = 50;

interface RegistryContext {
  readonly accountAlias: string;
  readonly account: string;
  readonly region: string;
  readonly basePath: string;
  readonly stack: string;
  /** Config keys (`dockerHub`, `azure.<prefix>`) of the upstreams whose credential key is set for this Region (./region-settings.ts). */
  readonly credentialKeysFromRegion?: ReadonlySet<string>;
}

/**
 * A created credential, or the existing secret of this Region (none: the rule is planned without a
 * credential). Where a secret or key lives is judged on the plan: PG-CACHE-SECRET-REGION
 * (core/rules/cache-secret-region.ts), PG-REGISTRY-ARN-LOCATION (core/rules/registry-arn-location.ts).
 */
function planCredential(credential: CredentialConfig, prefix: string, configKey: string, ctx: RegistryContext): CreatedCredential | ExistingCredential | undefined {
  // Read by the upstream pull model only; the stacks render neither.
  const login = { ...(credential.upstreamAccount !== undefined ? { upstreamAccount: credential.upstreamAccount } : {}), ...(credential.plan !== undefined ? { plan: credential.plan } : {}) };
  if (credential.source === "create") {
    return {
      source: "create",
      secretName: pullThroughCacheSecretName(prefix),
      recoveryWindowDays: credential.recoveryWindowDays,
      ...(credential.value === "apply-time" ? { applyTime: { variableName: credentialVariableName(prefix), version: credential.valueVersion } } : {}),
      ...(credential.kmsKeyArn ? { kmsKeyArn: credential.kmsKeyArn, ...(ctx.credentialKeysFromRegion?.has(configKey) ? { kmsKeyFromRegion: true as const } : {}) } : {}),
      ...login,
    };
  }
  const arn = credential.secretArns[ctx.region];
  return arn === undefined ? undefined : { source: "existing", secretArn: arn, ...login };
}

/** A registry's cache rules sorted by prefix, as the registry plan holds them (./cache-rule-plan.ts also keeps the declared order). */
export function planCacheRules(cache: PullThroughCacheConfig, ctx: RegistryContext, derived: (explicit: readonly CacheRulePlan[]) => readonly CacheRulePlan[] = () => []): CacheRulePlan[] {
  return declareCacheRules(cache, ctx, derived).sort((a, b) => byCodePoint(a.prefix, b.prefix));
}

/**
 * A registry's cache rules in the order the config declares them (fixed-host upstreams, azure,
 * ecr, then the derived own-image rules): the prefix rules name the later of two clashing rules.
 */
export function declareCacheRules(cache: PullThroughCacheConfig, ctx: RegistryContext, derived: (explicit: readonly CacheRulePlan[]) => readonly CacheRulePlan[] = () => []): CacheRulePlan[] {
  const rules: CacheRulePlan[] = [];
  const path = `${ctx.basePath}.pullThroughCache`;
  for (const { kind, configKey, upstreamRegistryUrl } of FIXED_HOST_UPSTREAMS) {
    const upstream = cache[configKey];
    if (!upstream) continue;
    // The schema gives exactly the upstreams that need a credential a `credential` field.
    const credential = "credential" in upstream ? planCredential(upstream.credential, upstream.prefix, configKey, ctx) : undefined;
    rules.push({
      kind,
      prefix: upstream.prefix,
      upstreamRegistryUrl,
      configPath: `${path}.${configKey}`,
      ...(credential ? { credential } : {}),
      ...(upstream.allowedRepositories ? { allowedRepositories: upstream.allowedRepositories } : {}),
      ...(kind === "ecr-public" && servesOfficialImages(cache) ? { servesOfficialImages: true } : {}),
    });
  }
  for (const [prefix, azure] of Object.entries(cache.azure)) {
    const credential = planCredential(azure.credential, prefix, `azure.${prefix}`, ctx);
    rules.push({
      kind: "azure",
      prefix,
      azureRegistryName: azure.registryName,
      upstreamRegistryUrl: azureRegistryHost(azure.registryName),
      configPath: `${path}.azure.${prefix}`,
      ...(credential ? { credential } : {}),
      ...(azure.allowedRepositories ? { allowedRepositories: azure.allowedRepositories } : {}),
    });
  }
  for (const [prefix, ecr] of Object.entries(cache.ecr)) {
    // Its upstream and role are judged on the plan (core/rules/cache-self.ts, cache-role-account.ts, cache-role-missing.ts).
    const rulePath = `${path}.ecr.${prefix}`;
    rules.push({
      kind: "ecr",
      prefix,
      upstreamAccount: ecr.account,
      upstreamRegion: ecr.region,
      upstreamRegistryUrl: ecrRegistryHost(ecr.account, ecr.region),
      ...(ecr.roleArn ? { customRoleArn: ecr.roleArn } : {}),
      configPath: rulePath,
      ...(ecr.upstreamRepositoryPrefix ? { upstreamRepositoryPrefix: ecr.upstreamRepositoryPrefix } : {}),
      ...(ecr.allowedRepositories ? { allowedRepositories: ecr.allowedRepositories } : {}),
    });
  }
  rules.push(...derived(rules));
  return rules;
}

/**
 * Docker Official Images come from ECR Public's mirror whenever an ECR Public rule exists, unless
 * `officialImagesVia: docker-hub` keeps them on the Docker Hub rule (docs/pull-budget.md).
 */
function servesOfficialImages(cache: PullThroughCacheConfig): boolean {
  return cache.dockerHub === undefined || (cache.officialImagesVia ?? "ecr-public") === "ecr-public";
}

/**
 * Untagged images expire, tagged ones are capped: ECS pins digests at deployment (aws-facts.md), so
 * the cap is generous and immutable tags (the default) keep a running task's digest tagged.
 */
export function lifecyclePolicyDocument(untaggedExpireDays: number, keepTaggedImages: number): LifecyclePolicyDocument {
  return {
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images ${untaggedExpireDays} days after push`,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpireDays },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the newest ${keepTaggedImages} tagged images`,
        selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: keepTaggedImages },
        action: { type: "expire" },
      },
    ],
  };
}

function templateSettings(registry: RegistryConfig, project: string, ctx: RegistryContext): TemplateSettingsPlan {
  const t = templatesInRegion(registry, ctx.region);
  const needsRole = t.encryption.type === "KMS" || Object.keys(t.resourceTags).length > 0;
  return {
    tagMutability: t.tagMutability,
    encryption: t.encryption,
    ...(t.encryption.type === "KMS" && t.encryptionFromRegion ? { kmsKeyFromRegion: true as const } : {}),
    resourceTags: t.resourceTags,
    lifecyclePolicy: lifecyclePolicyDocument(t.untaggedExpireDays, t.keepTaggedImages),
    ...(needsRole ? { customRoleName: templateRoleName(project, ctx.region), customRolePolicies: templateRolePolicies(ctx, t.encryption) } : {}),
  };
}

export interface RegistryInputs {
  readonly project: string;
  readonly accountAlias: string;
  readonly account: string;
  readonly region: string;
  readonly registry: RegistryConfig | undefined;
  /** Cache rules, planned once by the caller (image resolution needs them first); empty where no cluster runs. */
  readonly cacheRules: readonly CacheRulePlan[];
  /** The cache rules' prefixes in declaration order; cacheRules' own order (by prefix) when unset. */
  readonly declaredCachePrefixes?: readonly CachePrefixDeclaration[];
  readonly replicationRules: readonly ReplicationRulePlan[];
  readonly replicationSourceAccounts: readonly string[];
  readonly receivesReplication: boolean;
  readonly quotas: EcrQuotas;
  readonly quotasOverridden: readonly string[];
  readonly detection: DetectionConfig;
  readonly tags: Readonly<Record<string, string>>;
}

export function planRegistry(inputs: RegistryInputs): RegistryDraft {
  const stack = registryStackName(inputs.account, inputs.region);
  const ctx: RegistryContext = {
    accountAlias: inputs.accountAlias,
    account: inputs.account,
    region: inputs.region,
    basePath: `accounts.${inputs.accountAlias}.registry`,
    stack,
  };
  const registry = inputs.registry;
  const { cacheRules } = inputs;
  const replicating = inputs.replicationRules.length > 0 || inputs.receivesReplication;
  const templates: RepositoryTemplatePlan[] = cacheRules.map((rule) => ({
    prefix: rule.prefix,
    appliedFor: replicating ? ["PULL_THROUGH_CACHE", "REPLICATION"] : ["PULL_THROUGH_CACHE"],
    description: `Repositories cached from ${rule.upstreamRegistryUrl}`,
  }));
  // Replicated repositories get the same settings as cached ones; without a template ECR creates
  // them mutable and without a lifecycle policy (aws-facts.md), registry block or not.
  if (inputs.receivesReplication) {
    templates.push({ prefix: "ROOT", appliedFor: ["REPLICATION"], description: "Repositories created by replication into this registry" });
  }
  const detection = inputs.detection;
  const usageAlarms: UsageAlarmPlan[] = detection.usageAlarms
    ? ECR_APIS.map((api) => ({
        api,
        name: usageAlarmName(inputs.project, api),
        query: usageQuery(api),
        quotaCode: inputs.quotas[api].quotaCode,
        // AWS/Usage CallCount is summed per minute: a rate quota of R/s allows 60R calls a minute.
        // The tolerance keeps float noise (3000 x 60 x 0.7 = 125999.99999999999) from losing a call.
        thresholdPerMinute: Math.floor(inputs.quotas[api].rate * 60 * detection.usageAlarmThreshold + 1e-6),
      }))
    : [];
  const quotaRequests: QuotaRequestPlan[] = detection.requestQuotaIncreases
    ? inputs.quotasOverridden
        .map((api) => {
          const quota = inputs.quotas[api as keyof EcrQuotas];
          return { api, quotaCode: quota.quotaCode, value: quota.rate };
        })
        .filter((q) => q.value > DEFAULT_ECR_QUOTAS[q.api as keyof EcrQuotas].rate)
    : [];
  return {
    stackName: stack,
    accountAlias: inputs.accountAlias,
    account: inputs.account,
    region: inputs.region,
    cacheRules,
    declaredCachePrefixes: inputs.declaredCachePrefixes ?? cacheRules.map((r) => ({ prefix: r.prefix, configPath: r.configPath })),
    templates,
    templateSettings: registry
      ? templateSettings(registry, inputs.project, ctx)
      : { tagMutability: "IMMUTABLE", encryption: { type: "AES256" }, resourceTags: {}, lifecyclePolicy: lifecyclePolicyDocument(14, 100) },
    replicationRules: inputs.replicationRules,
    replicationSourceAccounts: inputs.replicationSourceAccounts,
    ...(registry ? { scanning: registry.scanning } : {}),
    usageAlarms,
    quotaRequests,
    ...(usesAlertTopic(detection) && detection.alarmTopicArn === undefined
      ? { alertTopicName: alertTopicName(inputs.project), alertTopicPolicy: alertTopicPolicy(inputs.account, alertTopicArnFor(detection, inputs.project, inputs)) }
      : {}),
    ...(usesAlertTopic(detection) ? { alertTopicArn: alertTopicArnFor(detection, inputs.project, inputs) } : {}),
    tags: inputs.tags,
  };
}

/** The registry stack creates the alert topic, and environment stacks target it, only when something publishes to it. */
export function usesAlertTopic(detection: DetectionConfig): boolean {
  return detection.usageAlarms || detection.pullFailureEvents;
}

/** The user's topic when detection.alarmTopicArn names one, else the one the registry stack creates. */
export function alertTopicArnFor(detection: DetectionConfig, project: string, where: RegistryRef): string {
  return detection.alarmTopicArn ?? snsTopicArn(where.region, where.account, alertTopicName(project));
}

/**
 * ECR publishes AWS/Usage CallCount with Service, Type and Resource and no Class dimension
 * (docs/quotas.md); a Metrics Insights query matches it whatever the dimension set.
 */
export function usageQuery(api: string): string {
  return `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = '${api}'`;
}
