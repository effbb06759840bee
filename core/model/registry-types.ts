import type { CacheRuleView } from "./image-types";
import type { UpstreamKind } from "../../facts/upstream-registries";
import type { UpstreamPlan } from "../../facts/upstream-limits";
import type { PolicyDocument, PolicyStatement } from "./policy-types";

/** The registry stack's plan: cache rules, creation templates, replication, the registry policy and alerts of one (account, Region). */

/** Who a credential logs in as upstream and that account's plan, as configured: the upstream pull model reads them (core/budget/upstream-pulls.ts). */
export interface UpstreamLogin {
  readonly upstreamAccount?: string;
  readonly plan?: UpstreamPlan;
}

export interface CreatedCredential extends UpstreamLogin {
  readonly source: "create";
  /** ecr-pullthroughcache/<prefix> (aws-facts.md: the name must begin with ecr-pullthroughcache/). */
  readonly secretName: string;
  readonly kmsKeyArn?: string;
  /** Set when kmsKeyArn is the per-Region key (registry.regions.<region>), not the account-level one: the key's location rule names the path it came from. */
  readonly kmsKeyFromRegion?: true;
  readonly recoveryWindowDays: number;
  /** apply-time: a write-only secret version fed by this ephemeral Terraform variable (TF_VAR_<name>). */
  readonly applyTime?: { readonly variableName: string; readonly version: number };
}

export interface ExistingCredential extends UpstreamLogin {
  readonly source: "existing";
  readonly secretArn: string;
}

export interface CacheRulePlan extends CacheRuleView {
  readonly kind: UpstreamKind;
  readonly upstreamRegistryUrl: string;
  readonly credential?: CreatedCredential | ExistingCredential;
  readonly customRoleArn?: string;
  readonly configPath: string;
  /**
   * Set on an ECR-to-ECR rule whose upstream account this config does not declare: no stack here
   * writes that registry's policy, so the grant the cache role needs is the user's to add.
   */
  readonly upstreamUnmanaged?: true;
}

/** Where the config declares one cache rule's prefix. */
export interface CachePrefixDeclaration {
  readonly prefix: string;
  readonly configPath: string;
}

export interface RepositoryTemplatePlan {
  /** The cache rule's prefix, or ROOT for the catch-all replication template. */
  readonly prefix: string;
  readonly appliedFor: readonly ("PULL_THROUGH_CACHE" | "REPLICATION")[];
  readonly description: string;
}

/** An ECR lifecycle policy document (the JSON ECR expects in lifecycle_policy). */
export interface LifecyclePolicyDocument {
  readonly rules: readonly {
    readonly rulePriority: number;
    readonly description: string;
    readonly selection: Readonly<Record<string, string | number | readonly string[]>>;
    readonly action: { readonly type: "expire" };
  }[];
}

export interface TemplateSettingsPlan {
  readonly tagMutability: "IMMUTABLE" | "MUTABLE";
  readonly encryption: { readonly type: "AES256" } | { readonly type: "KMS"; readonly kmsKeyArn: string };
  /** Set when the KMS key is the per-Region one (registry.regions.<region>), not the account-level one: the key's location rule names the path it came from. */
  readonly kmsKeyFromRegion?: true;
  readonly resourceTags: Readonly<Record<string, string>>;
  /** The ECR lifecycle policy as data; modules/json-document.ts renders it. */
  readonly lifecyclePolicy: LifecyclePolicyDocument;
  /** Name of the role ECR assumes to apply KMS or tags (aws-facts.md: needed for either). */
  readonly customRoleName?: string;
  /** The custom role's trust and permissions policies, set with customRoleName. */
  readonly customRolePolicies?: { readonly trustPolicy: PolicyDocument; readonly policy: PolicyDocument };
}

/**
 * Which of our images must be replicated where, as image resolution records it: source registry
 * key (core/registry/key.ts) -> repository -> destination registry keys. Environment stacks write
 * it, the registry singletons turn it into replication rules.
 */
export type ReplicationNeeds = Map<string, Map<string, Set<string>>>;

export interface RegistryRef {
  readonly account: string;
  readonly region: string;
}

export interface ReplicationRulePlan {
  readonly destinations: readonly RegistryRef[];
  readonly repositoryPrefixes: readonly string[];
  /** derived: computed from images pushed in one Region and run in another; explicit: from config. */
  readonly origin: "derived" | "explicit";
}

export interface UsageAlarmPlan {
  readonly api: string;
  readonly name: string;
  /** CloudWatch Metrics Insights query summing the API's CallCount. */
  readonly query: string;
  readonly quotaCode: string;
  /** CallCount summed over one minute that raises the alarm. */
  readonly thresholdPerMinute: number;
}

export interface QuotaRequestPlan {
  readonly api: string;
  readonly quotaCode: string;
  readonly value: number;
}

/** How the stack's provider reaches its account: rendered as `profile` and `assume_role`. */
export interface AccountAccessPlan {
  readonly profile?: string;
  readonly assumeRole?: { readonly roleArn: string; readonly sessionName: string; readonly externalId?: string };
}

export interface RegistryPlan {
  readonly stackName: string;
  readonly access: AccountAccessPlan;
  /** Stacks to apply before this one (cdktf stack dependencies). */
  readonly dependsOn: readonly string[];
  readonly accountAlias: string;
  readonly account: string;
  readonly region: string;
  readonly cacheRules: readonly CacheRulePlan[];
  /**
   * The cache rules' prefixes and config paths in the order the config declares them (fixed-host
   * upstreams, azure, ecr, then the derived own-image rules), where cacheRules is sorted by prefix:
   * the prefix rules name the later of two clashing rules. The stacks do not read it.
   */
  readonly declaredCachePrefixes: readonly CachePrefixDeclaration[];
  readonly templates: readonly RepositoryTemplatePlan[];
  readonly templateSettings: TemplateSettingsPlan;
  readonly replicationRules: readonly ReplicationRulePlan[];
  /** Source accounts allowed to replicate into this registry (cross-account replication). */
  readonly replicationSourceAccounts: readonly string[];
  readonly scanning?: { readonly type: "BASIC" | "ENHANCED"; readonly frequency: "SCAN_ON_PUSH" | "CONTINUOUS_SCAN" | "MANUAL" };
  readonly usageAlarms: readonly UsageAlarmPlan[];
  readonly quotaRequests: readonly QuotaRequestPlan[];
  /** Role ECR assumes for ECR-to-ECR cache rules to registries in other accounts. */
  readonly upstreamRole?: { readonly name: string; readonly arn: string; readonly trustPolicy: PolicyDocument; readonly policy: PolicyDocument };
  /** Registry policy statements beyond replication: cache roles of other accounts reading this registry, and the user's own. */
  readonly policyStatements: readonly PolicyStatement[];
  /** The registry policy: replication grants plus policyStatements; unset when both are empty (no policy managed). */
  readonly registryPolicy?: PolicyDocument;
  /** Terraform import blocks for singletons the config says exist. */
  readonly imports: readonly ImportPlan[];
  /**
   * The singletons the config says already exist here (accounts.<a>.registry.existing.<region>), as
   * declared: imports hold the ones pullguard imports, the existing-* rules judge the rest. Unset
   * when the config names none for this Region. The stacks do not read it.
   */
  readonly existing?: ExistingSingletons;
  /** How many of policyStatements, the last ones, are the config's registryPolicyStatements (in config order). */
  readonly configuredPolicyStatements: number;
  /** SNS topic for alarms and pull-failure events, created here (one per account and Region). */
  readonly alertTopicName?: string;
  /** Where alarms publish: the created topic or detection.alarmTopicArn. */
  readonly alertTopicArn?: string;
  /** Policy of the created alert topic, set with alertTopicName. */
  readonly alertTopicPolicy?: PolicyDocument;
  readonly tags: Readonly<Record<string, string>>;
}

/** Registry singletons that exist before pullguard, as the config declares them for one Region. */
export interface ExistingSingletons {
  readonly replicationConfiguration: boolean;
  readonly registryPolicy: boolean;
  readonly scanning: boolean;
  /** Prefixes of cache rules that exist. */
  readonly pullThroughCacheRules: readonly string[];
  /** Existing credential secrets' ARNs, by cache rule prefix. */
  readonly credentialSecrets: Readonly<Record<string, string>>;
}

/** One Terraform import block: which singleton of the registry stack, and the id the provider imports it by. */
export interface ImportPlan {
  readonly target: "replication" | "registry-policy" | "scanning" | "cache-rule" | "credential-secret";
  /** The cache rule's prefix, for cache-rule and credential-secret. */
  readonly prefix?: string;
  readonly id: string;
}

/** A registry stack as core/registry/plan.ts plans it, before the estate-wide step (core/estate/plan.ts) adds access, dependencies, cross-account grants and imports. */
export type RegistryDraft = Omit<RegistryPlan, "access" | "dependsOn" | "upstreamRole" | "policyStatements" | "registryPolicy" | "imports" | "existing" | "configuredPolicyStatements">;
