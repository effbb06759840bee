import type { UpstreamKind } from "../../facts/upstream-registries";

/** What image resolution reads of a pull-through cache rule (core/images/reference-rewrite.ts). Types only. */

/** A pull-through cache rule as seen by the rewriter. */
export interface CacheRuleView {
  readonly kind: UpstreamKind;
  /** ECR repository prefix, e.g. "docker-hub" (no trailing slash). */
  readonly prefix: string;
  /** For azure: the registry name (the "<name>" in <name>.azurecr.io). */
  readonly azureRegistryName?: string;
  /** For ecr: the upstream account/region, and optional upstream repository prefix. */
  readonly upstreamAccount?: string;
  readonly upstreamRegion?: string;
  readonly upstreamRepositoryPrefix?: string;
  /** ecr-public only: Docker Official Images are cached from ECR Public's mirror `docker/library/<name>` (aws-facts.md). */
  readonly servesOfficialImages?: boolean;
  /** Approved upstream repository patterns (`*` any characters); absent = every repository. */
  readonly allowedRepositories?: readonly string[];
  /** The config path that declares the rule, for messages. */
  readonly configPath?: string;
}
