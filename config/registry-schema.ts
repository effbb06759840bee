import { z } from "zod";
import { accountId, accountRef, defaultedFromFields, ecrRepositoryPrefixKey, kmsKeyArn, region, resourceTags } from "./primitives";
import { pullThroughCache } from "./pull-through-cache-schema";
import { assumeRole, awsProfile, existingRegistry, ownImages, policyStatement } from "./estate-schema";

/**
 * An account and its registry: pull-through cache, creation templates, replication, scanning (one
 * set per account, applied in every Region where that account runs clusters, receives or pushes
 * images). Every default is applied here, next to its field.
 */

const encryption = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("AES256") }),
    z.strictObject({
      type: z.literal("KMS"),
      kmsKeyArn: kmsKeyArn.describe("A key of the registry's Region (KMS keys are Regional); in an account with registries in several Regions, set the others under `regions.<region>`."),
    }),
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

/**
 * The Region-bound values of a registry, at the same relative path as the account-level ones: a KMS
 * key lives in one Region (aws-facts.md), and one account's registries span every Region it runs
 * clusters, pushes or receives images in. What is absent here is the account-level value.
 */
const regionCredentialed = z.strictObject({
  credential: z.strictObject({ kmsKeyArn: kmsKeyArn.describe("This Region's key for the created secret.") }),
});

const registryRegion = z
  .strictObject({
    repositoryTemplates: z
      .strictObject({ encryption: encryption.optional().describe("Encryption for repositories ECR creates in this Region. Default: the account's `repositoryTemplates.encryption`.") })
      .optional()
      .describe("This Region's template encryption (`{ type: KMS, kmsKeyArn }` with a key of this Region, or AES256). Default: the account's."),
    pullThroughCache: z
      .strictObject({
        dockerHub: regionCredentialed.optional(),
        ghcr: regionCredentialed.optional(),
        gitlab: regionCredentialed.optional(),
        chainguard: regionCredentialed.optional(),
        azure: z.record(ecrRepositoryPrefixKey, regionCredentialed).default({}).describe("By the account's Azure prefix."),
      })
      .optional()
      .describe("This Region's KMS keys for `credential: { source: create }` secrets. Default: the account's."),
  })
  .describe("Region-bound registry settings of one Region.");

interface CredentialedView {
  readonly credential: { readonly source: string };
}

interface RegistryView {
  readonly pullThroughCache: { readonly dockerHub?: CredentialedView; readonly ghcr?: CredentialedView; readonly gitlab?: CredentialedView; readonly chainguard?: CredentialedView; readonly azure: Readonly<Record<string, CredentialedView>> };
  readonly regions: Readonly<Record<string, z.output<typeof registryRegion>>>;
}

/** A Region's credential key needs an upstream with a created credential (an existing one names its secret per Region already). */
function checkRegionOverrides(r: RegistryView, ctx: z.core.$RefinementCtx): void {
  for (const [name, regional] of Object.entries(r.regions)) {
    const cache = regional.pullThroughCache;
    if (!cache) continue;
    const overridden: [string[], CredentialedView | undefined][] = [];
    for (const key of ["dockerHub", "ghcr", "gitlab", "chainguard"] as const) if (cache[key]) overridden.push([[key], r.pullThroughCache[key]]);
    for (const prefix of Object.keys(cache.azure)) {
      overridden.push([["azure", prefix], Object.prototype.hasOwnProperty.call(r.pullThroughCache.azure, prefix) ? r.pullThroughCache.azure[prefix] : undefined]);
    }
    for (const [at, upstream] of overridden) {
      const path = ["regions", name, "pullThroughCache", ...at];
      if (upstream === undefined) ctx.addIssue({ code: "custom", path, message: `has nothing to override: pullThroughCache.${at.join(".")} is not configured` });
      else if (upstream.credential.source !== "create") {
        ctx.addIssue({ code: "custom", path: [...path, "credential", "kmsKeyArn"], message: "applies to `credential: { source: create }` only (an existing credential names its secret per Region)" });
      }
    }
  }
}

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
    regions: z
      .record(region, registryRegion)
      .default({})
      .describe("Region-bound values (KMS keys) per registry Region, at the same relative paths; each absent one is the account-level value, which must then be in that Region."),
  })
  .superRefine((r, ctx) => checkRegionOverrides(r, ctx))
  .describe("Registry-scoped settings of this account, applied in each of its registry stacks.");

export const account = z.strictObject({
  id: accountId,
  assumeRole: assumeRole.optional(),
  profile: awsProfile.optional(),
  registry: registry.optional().describe("Omit for an account that only runs clusters with no upstream caching (rare)."),
});
