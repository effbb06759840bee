import { parseArn } from "../../facts/arn";
import type { CredentialConfig, PullThroughCacheConfig, RegistryConfig, RepositoryTemplatesConfig } from "../../config/schema";
import type { FindingLog } from "../model/findings";
import * as catalogue from "../rules/catalogue";

/**
 * A registry as it runs in one Region: `accounts.<a>.registry.regions.<region>` sets the
 * Region-bound values (KMS keys: a key lives in one Region, aws-facts.md) at the same relative path
 * as the account-level ones, which are the defaults. Like an environment's Region view
 * (core/locations/region-settings.ts), the planners read only the merged values, and a key from
 * another Region is refused at the path it came from, with the per-Region path to set instead.
 */

/** Where the registry stack runs, and the log its findings go to. */
export interface RegistryWhere {
  readonly account: string;
  readonly region: string;
  /** accounts.<alias>.registry */
  readonly basePath: string;
  readonly stack: string;
  readonly log: FindingLog;
}

type RegistryRegionConfig = RegistryConfig["regions"][string];

function regionalOf(registry: { readonly regions: RegistryConfig["regions"] } | undefined, region: string): RegistryRegionConfig | undefined {
  return registry && Object.prototype.hasOwnProperty.call(registry.regions, region) ? registry.regions[region] : undefined;
}

/** A KMS key (or secret) must be in the registry's own account and Region (aws-facts.md). */
function checkKey(arn: string, relative: string, fromRegion: boolean, where: RegistryWhere): void {
  const at = parseArn(arn);
  if (!at || (at.region === where.region && at.account === where.account)) return;
  const regionPath = `${where.basePath}.regions.${where.region}.${relative}`;
  const hint = !fromRegion && at.region !== where.region ? `; set this Region's key under ${regionPath}` : "";
  log(where, fromRegion ? regionPath : `${where.basePath}.${relative}`, `KMS key is in ${at.account}/${at.region} but must be in the registry's account and Region, ${where.account}/${where.region}${hint}`);
}

function log(where: RegistryWhere, path: string, message: string): void {
  where.log.report(catalogue.registryArnLocation, path, message, where.stack);
}

/** The repository templates with this Region's encryption, its key checked. */
export function templatesInRegion(registry: RegistryConfig, where: RegistryWhere): RepositoryTemplatesConfig {
  const regional = regionalOf(registry, where.region)?.repositoryTemplates?.encryption;
  const encryption = regional ?? registry.repositoryTemplates.encryption;
  if (encryption.type === "KMS") checkKey(encryption.kmsKeyArn, "repositoryTemplates.encryption.kmsKeyArn", regional !== undefined, where);
  return { ...registry.repositoryTemplates, encryption };
}

/** The pull-through cache settings with this Region's credential keys, each checked. */
export function pullThroughCacheInRegion(registry: RegistryConfig | undefined, where: RegistryWhere): PullThroughCacheConfig {
  const cache: PullThroughCacheConfig = registry?.pullThroughCache ?? { azure: {}, ecr: {} };
  const regional = regionalOf(registry, where.region)?.pullThroughCache;
  const withKey = <T extends { readonly credential: CredentialConfig }>(upstream: T, relative: string, regionKey: string | undefined): T => {
    if (upstream.credential.source !== "create") return upstream;
    const kmsKeyArn = regionKey ?? upstream.credential.kmsKeyArn;
    if (kmsKeyArn !== undefined) checkKey(kmsKeyArn, `pullThroughCache.${relative}.credential.kmsKeyArn`, regionKey !== undefined, where);
    return regionKey === undefined ? upstream : { ...upstream, credential: { ...upstream.credential, kmsKeyArn: regionKey } };
  };
  const azure = Object.fromEntries(
    Object.entries(cache.azure).map(([prefix, upstream]) => {
      const regionKey = regional && Object.prototype.hasOwnProperty.call(regional.azure, prefix) ? regional.azure[prefix]!.credential.kmsKeyArn : undefined;
      return [prefix, withKey(upstream, `azure.${prefix}`, regionKey)];
    }),
  );
  return {
    ...cache,
    ...(cache.dockerHub ? { dockerHub: withKey(cache.dockerHub, "dockerHub", regional?.dockerHub?.credential.kmsKeyArn) } : {}),
    ...(cache.ghcr ? { ghcr: withKey(cache.ghcr, "ghcr", regional?.ghcr?.credential.kmsKeyArn) } : {}),
    ...(cache.gitlab ? { gitlab: withKey(cache.gitlab, "gitlab", regional?.gitlab?.credential.kmsKeyArn) } : {}),
    ...(cache.chainguard ? { chainguard: withKey(cache.chainguard, "chainguard", regional?.chainguard?.credential.kmsKeyArn) } : {}),
    azure,
  };
}
