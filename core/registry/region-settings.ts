import type { CredentialConfig, PullThroughCacheConfig, RegistryConfig, RepositoryTemplatesConfig } from "../../config/schema";

/**
 * A registry as it runs in one Region: `accounts.<a>.registry.regions.<region>` sets the
 * Region-bound values (KMS keys: a key lives in one Region, aws-facts.md) at the same relative path
 * as the account-level ones, which are the defaults. Like an environment's Region view
 * (core/locations/region-settings.ts), the planners read only the merged values, and record which
 * keys came from the Region: PG-REGISTRY-ARN-LOCATION (core/rules/registry-arn-location.ts) refuses
 * a key from another Region at the path it came from, with the per-Region path to set instead.
 */

type RegistryRegionConfig = RegistryConfig["regions"][string];

function regionalOf(registry: { readonly regions: RegistryConfig["regions"] } | undefined, region: string): RegistryRegionConfig | undefined {
  return registry && Object.prototype.hasOwnProperty.call(registry.regions, region) ? registry.regions[region] : undefined;
}

/** The repository templates with this Region's encryption, and whether that encryption is the Region's own setting. */
export function templatesInRegion(registry: RegistryConfig, region: string): RepositoryTemplatesConfig & { readonly encryptionFromRegion: boolean } {
  const regional = regionalOf(registry, region)?.repositoryTemplates?.encryption;
  return { ...registry.repositoryTemplates, encryption: regional ?? registry.repositoryTemplates.encryption, encryptionFromRegion: regional !== undefined };
}

/** A cache rule's credential key set under registry.regions.<region>, by the upstream's config key (`dockerHub`, `azure.<prefix>`). */
function regionalCredentialKeys(registry: RegistryConfig | undefined, region: string): Map<string, string> {
  const regional = regionalOf(registry, region)?.pullThroughCache;
  const keys = new Map<string, string>();
  if (!regional) return keys;
  for (const configKey of ["dockerHub", "ghcr", "gitlab", "chainguard"] as const) {
    const key = regional[configKey]?.credential.kmsKeyArn;
    if (key !== undefined) keys.set(configKey, key);
  }
  for (const [prefix, upstream] of Object.entries(regional.azure ?? {})) {
    if (upstream.credential.kmsKeyArn !== undefined) keys.set(`azure.${prefix}`, upstream.credential.kmsKeyArn);
  }
  return keys;
}

/**
 * The pull-through cache settings with this Region's credential keys, and the config keys of the
 * upstreams whose created credential takes its key from the Region.
 */
export function pullThroughCacheInRegion(registry: RegistryConfig | undefined, region: string): { readonly cache: PullThroughCacheConfig; readonly credentialKeysFromRegion: ReadonlySet<string> } {
  const cache: PullThroughCacheConfig = registry?.pullThroughCache ?? { azure: {}, ecr: {} };
  const regionKeys = regionalCredentialKeys(registry, region);
  const fromRegion = new Set<string>();
  const withKey = <T extends { readonly credential: CredentialConfig }>(upstream: T, configKey: string): T => {
    const regionKey = regionKeys.get(configKey);
    if (upstream.credential.source !== "create" || regionKey === undefined) return upstream;
    fromRegion.add(configKey);
    return { ...upstream, credential: { ...upstream.credential, kmsKeyArn: regionKey } };
  };
  const azure = Object.fromEntries(Object.entries(cache.azure).map(([prefix, upstream]) => [prefix, withKey(upstream, `azure.${prefix}`)]));
  return {
    cache: {
      ...cache,
      ...(cache.dockerHub ? { dockerHub: withKey(cache.dockerHub, "dockerHub") } : {}),
      ...(cache.ghcr ? { ghcr: withKey(cache.ghcr, "ghcr") } : {}),
      ...(cache.gitlab ? { gitlab: withKey(cache.gitlab, "gitlab") } : {}),
      ...(cache.chainguard ? { chainguard: withKey(cache.chainguard, "chainguard") } : {}),
      azure,
    },
    credentialKeysFromRegion: fromRegion,
  };
}
