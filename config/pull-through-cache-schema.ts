import { z } from "zod";
import { accountId, ecrRepositoryPrefix, ecrRepositoryPrefixKey, iamRoleArn, kmsKeyArn, pullThroughCacheCredentialArn, region } from "./primitives";
import { FIXED_HOST_UPSTREAMS, type FixedHostUpstream } from "../facts/upstream-registries";
import { DOCKER_HUB_PLANS } from "../facts/upstream-limits";
import { credentialValue, credentialValueVersion } from "./estate-schema";

/**
 * An account's pull-through cache rules, one per upstream: the upstream's credential (and the
 * upstream account it logs in as), its ECR repository prefix and the upstream repositories it may
 * import (config/registry-schema.ts puts it under `accounts.<alias>.registry`).
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

export const pullThroughCache = z
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
