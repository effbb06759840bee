import type { EnvironmentConfig, PlatformConfig } from "../../config/schema";
import type { FindingLog } from "./findings";
import type { ImageContext } from "../images/images";
import type { EcrQuotas } from "../budget";

/**
 * What every planner of one environment stack reads: the environment as it runs in one account and
 * Region. Its own file so the service, endpoint, IAM and capacity planners share it without
 * importing each other.
 */
export interface LocationContext {
  readonly config: PlatformConfig;
  readonly environment: string;
  /** The environment with this Region's values merged over its own (core/locations/region-settings.ts). */
  readonly env: EnvironmentConfig;
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  /** The ECS cluster the services run in: the existing one the config names, else the one the stack creates. Computed once, here. */
  readonly clusterName: string;
  readonly natPublicIps: number;
  readonly quotas: EcrQuotas;
  readonly images: ImageContext;
  readonly log: FindingLog;
}
