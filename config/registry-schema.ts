import { z } from "zod";
import { accountId, accountRef, defaultedFromFields, ecrRepositoryPrefix, ecrRepositoryPrefixKey, iamRoleArn, kmsKeyArn, pullThroughCacheCredentialArn, region, resourceTags } from "./primitives";
import { FIXED_HOST_UPSTREAMS, type FixedHostUpstream } from "../facts/upstream-registries";
import { assumeRole, awsProfile, credentialValue, credentialValueVersion, existingRegistry, ownImages, policyStatement } from "./estate-schema";

/**
 * An account and its registry: pull-through cache, creation templates, replication, scanning (one
 * set per account, applied in every Region where that account runs clusters, receives or pushes
 * images). Every default is applied here, next to its field.
 */

const credential = z
  .discriminatedUnion("source", [
    z.strictObject({
      source: z.literal("create").describe("The registry stack creates an empty secret `ecr-pullthroughcache/<prefix>`; set its value out of band (README)."),
      kmsKeyArn: kmsKeyArn.optional().describe("Customer managed key for the secret; must be in the registry's Region. Default: the AWS managed key."),
      recoveryWindowDays: z
        .number()
        .int()
        .superRefine((d, ctx) => {
          if (d !== 0 && !(d >= 7 && d <= 30)) ctx.addIssue({ code: "custom", message: `must be 0 (delete at once) or 7 to 30 days (Secrets Manager), got ${d}` });
        })
        .default(7)
        .describe("Days Secrets Manager keeps a deleted secret: 0 (delete at once) or 7-30. Default 7."),
      value: credentialValue,
      valueVersion: credentialValueVersion,
    }),
    z.strictObject({
      source: z.literal("existing"),
      secretArns: z
        .record(region, pullThroughCacheCredentialArn)
        .describe("An existing `ecr-pullthroughcache/...` secret per Region, keyed by Region: the secret must live in the rule's account and Region."),
    }),
  ])
  .describe("Upstream credentials (Docker Hub, GHCR, GitLab, Azure). The secret value never appears in config, output or state.");

/** An upstream's default prefix and its name in descriptions, from the one upstream table. */
function fixedUpstream(key: FixedHostUpstream["configKey"]): [defaultPrefix: string, name: string] {
  const upstream = FIXED_HOST_UPSTREAMS.find((u) => u.configKey === key)!;
  const name = upstream.displayName === upstream.upstreamRegistryUrl ? upstream.displayName : `${upstream.displayName} (${upstream.upstreamRegistryUrl})`;
  return [upstream.defaultPrefix, name];
}

const simpleUpstream = (defaultPrefix: string, name: string) =>
  z
    .union([
      z.literal(true),
      z.strictObject({
        prefix: ecrRepositoryPrefix.default(defaultPrefix).describe(`ECR repository prefix for ${name}. Default "${defaultPrefix}".`),
      }),
    ])
    .transform((v) => (v === true ? { prefix: defaultPrefix } : v))
    .describe(`Cache ${name}: \`true\` for the default prefix "${defaultPrefix}", or \`{ prefix }\`.`);

const credentialedUpstream = (defaultPrefix: string, name: string) =>
  z
    .strictObject({
      prefix: ecrRepositoryPrefix.default(defaultPrefix).describe(`ECR repository prefix for ${name}. Default "${defaultPrefix}".`),
      credential: credential.describe(`${name} requires a credential (aws-facts.md).`),
    })
    .describe(`Cache ${name} (needs a Secrets Manager credential).`);

const azureUpstream = z.strictObject({
  registryName: z
    .string()
    .regex(/^[a-z0-9]{5,50}$/, "must be the Azure registry name: the <name> of <name>.azurecr.io, 5-50 lowercase letters and digits"),
  credential,
});

const ecrUpstream = z.strictObject({
  account: accountId.describe("Upstream registry's account id."),
  region: region.describe("Upstream registry's Region."),
  roleArn: iamRoleArn
    .optional()
    .describe("`custom_role_arn`: a role in this registry's own account that ECR assumes to read the upstream registry. Required when the upstream is another account; a same-account rule uses ECR's service-linked role."),
  upstreamRepositoryPrefix: z
    .string()
    .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, "must be a repository path prefix")
    .max(30)
    .optional()
    .describe("Only upstream repositories under this prefix are cached. Default: all (ROOT)."),
});

const pullThroughCache = z
  .strictObject({
    dockerHub: credentialedUpstream(...fixedUpstream("dockerHub")).optional(),
    ecrPublic: simpleUpstream(...fixedUpstream("ecrPublic")).optional(),
    quay: simpleUpstream(...fixedUpstream("quay")).optional(),
    k8s: simpleUpstream(...fixedUpstream("k8s")).optional(),
    ghcr: credentialedUpstream(...fixedUpstream("ghcr")).optional(),
    gitlab: credentialedUpstream(...fixedUpstream("gitlab")).optional(),
    chainguard: credentialedUpstream(...fixedUpstream("chainguard")).optional(),
    azure: z.record(ecrRepositoryPrefixKey, azureUpstream).default({}).describe("Azure Container Registries, keyed by ECR repository prefix."),
    ecr: z.record(ecrRepositoryPrefixKey, ecrUpstream).default({}).describe("ECR-to-ECR rules, keyed by ECR repository prefix."),
  })
  .describe("Upstream registries to cache in every cluster Region of the account.");

const encryption = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("AES256") }),
    z.strictObject({ type: z.literal("KMS"), kmsKeyArn: kmsKeyArn.describe("Must be in the registry's Region.") }),
  ])
  .describe("Encryption for repositories ECR creates. Default AES256.");

const repositoryTemplates = z
  .strictObject({
    tagMutability: z
      .enum(["IMMUTABLE", "MUTABLE"])
      .default("IMMUTABLE")
      .describe("Tag mutability of repositories ECR creates for the cache and for replication. Default IMMUTABLE: a pinned digest stays tagged."),
    encryption: encryption.default({ type: "AES256" }),
    resourceTags: resourceTags.default({}).describe("Tags on repositories ECR creates (needs the template role, which pullguard creates)."),
    untaggedExpireDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(14)
      .describe("Untagged images expire after this many days. Default 14: long enough for ECS tasks that pinned a digest to be replaced."),
    keepTaggedImages: z
      .number()
      .int()
      .min(10)
      .max(10000)
      .default(100)
      .describe("Keep at most this many tagged images per repository. Default 100; at least 10 so images running tasks reference survive."),
  })
  .describe("Repository creation templates for cache prefixes (and replication destinations).");

const replicationDestination = z.strictObject({
  account: accountRef.describe("Destination account alias (declared under `accounts`)."),
  region,
});

const replicationRule = z.strictObject({
  sourceRegion: region.describe("Registry Region whose pushes are replicated."),
  destinations: z.array(replicationDestination).min(1, "must list at least one destination").max(25, "must list at most 25 destinations"),
  repositoryPrefixes: z
    .array(
      z
        .string()
        .min(2, "must be at least 2 characters (ECR replication filter)")
        .regex(/^[a-z0-9]+(?:[._/-][a-z0-9]+)*\/?$/, "must be a repository name prefix (it may end in /)"),
    )
    .min(1, "must list at least one repository prefix")
    .max(100, "must list at most 100 filters (ECR limit per rule)")
    .describe("PREFIX_MATCH filters."),
});

const scanning = z
  .strictObject({
    type: z.enum(["BASIC", "ENHANCED"]).default("BASIC"),
    frequency: z.enum(["SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"]).default("SCAN_ON_PUSH"),
  })
  .superRefine((s, ctx) => {
    // Basic scanning scans on push or manually; continuous scanning is Inspector's (ENHANCED).
    if (s.type === "BASIC" && s.frequency === "CONTINUOUS_SCAN") {
      ctx.addIssue({ code: "custom", path: ["frequency"], message: "CONTINUOUS_SCAN needs type ENHANCED; BASIC scans on push or manually" });
    }
    // Inspector's enhanced scanning has no manual mode (PutRegistryScanningConfiguration).
    if (s.type === "ENHANCED" && s.frequency === "MANUAL") {
      ctx.addIssue({ code: "custom", path: ["frequency"], message: "MANUAL needs type BASIC; ENHANCED scans on push or continuously" });
    }
  })
  .describe("Registry scanning configuration. Default BASIC, scan on push, every repository.");

export const registry = z
  .strictObject({
    pullThroughCache: defaultedFromFields(pullThroughCache),
    repositoryTemplates: defaultedFromFields(repositoryTemplates),
    replicationRules: z.array(replicationRule).default([]).describe("Explicit replication rules, added to the ones pullguard derives."),
    scanning: defaultedFromFields(scanning),
    ownImages,
    existing: z.record(region, existingRegistry).default({}).describe("Registry singletons that already exist, keyed by Region (imported, not created)."),
    registryPolicyStatements: z
      .array(policyStatement)
      .default([])
      .describe("Your own registry policy statements, merged with pullguard's (ECR allows one registry policy, so pullguard owns it)."),
  })
  .describe("Registry-scoped settings of this account, applied in each of its registry stacks.");

export const account = z.strictObject({
  id: accountId,
  assumeRole: assumeRole.optional(),
  profile: awsProfile.optional(),
  registry: registry.optional().describe("Omit for an account that only runs clusters with no upstream caching (rare)."),
});
