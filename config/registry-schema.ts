import { z } from "zod";
import { accountId, accountRef, defaultedFromFields, ecrRepositoryPrefix, ecrRepositoryPrefixKey, iamRoleArn, kmsKeyArn, pullThroughCacheCredentialArn, region, resourceTags } from "./primitives";
import { FIXED_HOST_UPSTREAMS, type FixedHostUpstream } from "../facts/upstream-registries";
import { DOCKER_HUB_PLANS } from "../facts/upstream-limits";
import { assumeRole, awsProfile, credentialValue, credentialValueVersion, existingRegistry, ownImages, policyStatement } from "./estate-schema";

/**
 * An account and its registry: pull-through cache, creation templates, replication, scanning (one
 * set per account, applied in every Region where that account runs clusters, receives or pushes
 * images). Every default is applied here, next to its field.
 */

/** Who the credential logs in as upstream, and that account's pull limit (docs/pull-budget.md, "Upstream pulls"). */
const upstreamLogin = {
  upstreamAccount: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/, "must be the upstream user or organisation name: letters, digits and . _ @ + - (at most 128)")
    .optional()
    .describe(
      "The upstream account (Docker Hub user, GitHub user) this credential logs in as. Credentials naming the same account, in any account and Region, share its pull limit. Default: each secret is its own account.",
    ),
  plan: z
    .union([
      z.enum(DOCKER_HUB_PLANS),
      z.strictObject({
        pulls: z.number().int().min(1).max(1_000_000_000).describe("Pulls (manifest GETs) the upstream account may make per window."),
        hours: z.number().int().min(1).max(744).describe("The window, in hours."),
      }),
    ])
    .optional()
    .describe(
      "The upstream account's plan: a Docker Hub plan (unauthenticated 100, personal 200 pulls per 6 hours; pro, team, business unlimited), or `{ pulls, hours }` for a registry whose limit you know. Default: personal for Docker Hub; other registries publish no limit.",
    ),
};

const credential = z
  .discriminatedUnion("source", [
    z.strictObject({
      source: z.literal("create").describe("The registry stack creates an empty secret `ecr-pullthroughcache/<prefix>`; set its value out of band (README)."),
      kmsKeyArn: kmsKeyArn
        .optional()
        .describe("Customer managed key for the secret, in every registry Region of the account that has no `regions.<region>` key (KMS keys are Regional). Default: the AWS managed key."),
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
      ...upstreamLogin,
    }),
    z.strictObject({
      source: z.literal("existing"),
      secretArns: z
        .record(region, pullThroughCacheCredentialArn)
        .describe("An existing `ecr-pullthroughcache/...` secret per Region, keyed by Region: the secret must live in the rule's account and Region."),
      ...upstreamLogin,
    }),
  ])
  .describe("Upstream credentials (Docker Hub, GHCR, GitLab, Azure). The secret value never appears in config, output or state.");

/** An upstream's default prefix and its name in descriptions, from the one upstream table. */
function fixedUpstream(key: FixedHostUpstream["configKey"]): [defaultPrefix: string, name: string] {
  const upstream = FIXED_HOST_UPSTREAMS.find((u) => u.configKey === key)!;
  const name = upstream.displayName === upstream.upstreamRegistryUrl ? upstream.displayName : `${upstream.displayName} (${upstream.upstreamRegistryUrl})`;
  return [upstream.defaultPrefix, name];
}

/**
 * Approved upstream repositories of one cache rule: with the public registries "you are only a
 * spelling error away from a supply chain attack" (docs/services.md, "Approved images"), so a rule
 * may name the only repositories it caches. `*` matches any run of characters, as in IAM.
 */
const allowedRepositories = (example: string) =>
  z
    .array(
      z
        .string()
        .regex(/^[a-z0-9*]+(?:(?:[._]|__|-+|\/)[a-z0-9*]+)*$/, "must be an upstream repository path such as \"library/nginx\" or a pattern such as \"bitnami/*\" (lowercase; `*` matches anything)")
        .max(255, "must be at most 255 characters"),
    )
    .min(1, "must list at least one repository (omit the field to allow every repository)")
    .optional()
    .describe(
      `Approved upstream repositories (e.g. ${example}); \`*\` matches any characters. An image outside the list is refused (with the approved name it is a near miss of), and only these repositories' cache paths may be imported (IAM and the registry policy). A Docker Official Image cached from ECR Public's mirror is checked against the \`ecrPublic\` list as \`docker/library/<name>\`; a Docker Hub entry without "/" means \`library/<name>\`. Default: every repository (docs/services.md, "Approved images").`,
    );

const simpleUpstream = (defaultPrefix: string, name: string, example = "\"team/app\"") =>
  z
    .union([
      z.literal(true),
      z.strictObject({
        prefix: ecrRepositoryPrefix.default(defaultPrefix).describe(`ECR repository prefix for ${name}. Default "${defaultPrefix}".`),
        allowedRepositories: allowedRepositories(example),
      }),
    ])
    .transform((v): { prefix: string; allowedRepositories?: string[] } => (v === true ? { prefix: defaultPrefix } : v))
    .describe(`Cache ${name}: \`true\` for the default prefix "${defaultPrefix}", or \`{ prefix, allowedRepositories }\`.`);

const credentialedUpstream = (defaultPrefix: string, name: string, example = "\"team/app\"") =>
  z
    .strictObject({
      prefix: ecrRepositoryPrefix.default(defaultPrefix).describe(`ECR repository prefix for ${name}. Default "${defaultPrefix}".`),
      credential: credential.describe(`${name} requires a credential (aws-facts.md).`),
      allowedRepositories: allowedRepositories(example),
    })
    .describe(`Cache ${name} (needs a Secrets Manager credential).`);

const azureUpstream = z.strictObject({
  registryName: z
    .string()
    .regex(/^[a-z0-9]{5,50}$/, "must be the Azure registry name: the <name> of <name>.azurecr.io, 5-50 lowercase letters and digits"),
  credential,
  allowedRepositories: allowedRepositories('"team/api"'),
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
  allowedRepositories: allowedRepositories('"team/api", "team/*"'),
});

const pullThroughCache = z
  .strictObject({
    dockerHub: credentialedUpstream(...fixedUpstream("dockerHub"), '"library/nginx", "bitnami/*"').optional(),
    ecrPublic: simpleUpstream(...fixedUpstream("ecrPublic"), '"docker/library/nginx", "nginx/nginx"').optional(),
    quay: simpleUpstream(...fixedUpstream("quay"), '"prometheus/node-exporter"').optional(),
    k8s: simpleUpstream(...fixedUpstream("k8s"), '"pause", "ingress-nginx/*"').optional(),
    ghcr: credentialedUpstream(...fixedUpstream("ghcr"), '"my-org/*"').optional(),
    gitlab: credentialedUpstream(...fixedUpstream("gitlab"), '"my-group/my-project/*"').optional(),
    chainguard: credentialedUpstream(...fixedUpstream("chainguard"), '"chainguard/nginx", "my-org/*"').optional(),
    azure: z.record(ecrRepositoryPrefixKey, azureUpstream).default({}).describe("Azure Container Registries, keyed by ECR repository prefix."),
    ecr: z.record(ecrRepositoryPrefixKey, ecrUpstream).default({}).describe("ECR-to-ECR rules, keyed by ECR repository prefix."),
    officialImagesVia: z
      .enum(["ecr-public", "docker-hub"])
      .optional()
      .describe(
        "Where Docker Official Images (`nginx`, `library/nginx`) are cached from when both `dockerHub` and `ecrPublic` are enabled: `ecr-public` pulls them from ECR Public's mirror `docker/library/<name>` and spends no Docker Hub pulls; `docker-hub` pulls them from Docker Hub (for a tag not yet on the mirror). Default `ecr-public`; with only `ecrPublic` enabled they always go through ECR Public (docs/pull-budget.md).",
      ),
  })
  .superRefine((cache, ctx) => {
    // The setting chooses between two rules; naming a rule that is not enabled is a contradiction, not a preference.
    const needs = cache.officialImagesVia === "ecr-public" ? "ecrPublic" : cache.officialImagesVia === "docker-hub" ? "dockerHub" : undefined;
    if (needs !== undefined && cache[needs] === undefined) {
      ctx.addIssue({ code: "custom", path: ["officialImagesVia"], message: `"${cache.officialImagesVia}" needs pullThroughCache.${needs}, which is not enabled` });
    }
  })
  .describe("Upstream registries to cache in every cluster Region of the account.");

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
  readonly pullThroughCache: { readonly dockerHub?: CredentialedView; readonly ghcr?: CredentialedView; readonly gitlab?: CredentialedView; readonly azure: Readonly<Record<string, CredentialedView>> };
  readonly regions: Readonly<Record<string, z.output<typeof registryRegion>>>;
}

/** A Region's credential key needs an upstream with a created credential (an existing one names its secret per Region already). */
function checkRegionOverrides(r: RegistryView, ctx: z.core.$RefinementCtx): void {
  for (const [name, regional] of Object.entries(r.regions)) {
    const cache = regional.pullThroughCache;
    if (!cache) continue;
    const overridden: [string[], CredentialedView | undefined][] = [];
    for (const key of ["dockerHub", "ghcr", "gitlab"] as const) if (cache[key]) overridden.push([[key], r.pullThroughCache[key]]);
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
