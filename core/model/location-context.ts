import type { EnvironmentConfig, PlatformConfig } from "../../config/schema";
import type { FindingLog } from "./findings";
import type { CacheRuleView } from "./image-types";
import type { RegistryRef } from "./registry-types";
import type { EcrQuotas } from "./budget-types";

/**
 * What every planner of one environment stack reads: the environment as it runs in one account and
 * Region. Its own file so the service, endpoint, IAM and capacity planners share it without
 * importing each other.
 */
export interface LocationContext {
  /** The config's project name: the prefix of every resource name. */
  readonly project: string;
  /** The pull-budget settings the service planners apply. */
  readonly pullBudget: Pick<PlatformConfig["pullBudget"], "maxQuotaShare" | "defaultMaxConcurrentStarts">;
  readonly environment: string;
  /** The environment with this Region's values merged over its own (core/locations/region-settings.ts). */
  readonly env: EnvironmentConfig;
  readonly account: string;
  readonly region: string;
  /** Where the config sets the EC2 instance type that applies here (this Region's override, else the environment's), for findings. */
  readonly instanceTypePath: string;
  readonly stackName: string;
  /** The ECS cluster the services run in: the existing one the config names, else the one the stack creates. Computed once, here. */
  readonly clusterName: string;
  readonly natPublicIps: number;
  readonly quotas: EcrQuotas;
  readonly images: ImageContext;
  readonly log: FindingLog;
}

/** What image resolution needs to know about the cluster it runs in. */
export interface ImageContext {
  readonly target: RegistryRef;
  readonly cacheRules: readonly CacheRuleView[];
  /** Account ids declared in config: their images are replicated, not cached. */
  readonly declaredAccounts: ReadonlySet<string>;
  readonly log: FindingLog;
  readonly stack: string;
  /** Called when an image pushed to another registry of ours must be replicated here. */
  readonly needsReplication: (source: RegistryRef, repository: string) => void;
}
