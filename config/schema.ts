import { z } from "zod";
import { resourceName, tags } from "./primitives";
import { account } from "./registry-schema";
import { environment } from "./environment-schema";
import { backend } from "./state-backend-schema";
import { pullBudget } from "./pull-budget-schema";
import { detection } from "./detection-schema";
import { suppressions } from "./suppressions";
import { checkAccountArnPartitions } from "./arn-partitions";
import { CURRENT_SCHEMA_VERSION, OLDEST_SCHEMA_VERSION } from "./schema-version";

/**
 * The one definition of a pullguard platform config. The TypeScript types are inferred from it, the
 * JSON Schema for editors is generated from it (`npm run schema`), and every default is applied
 * once, next to the field it belongs to, in the file of its concern: registry-schema.ts (accounts
 * and their registries), environment-schema.ts (Regions, VPCs, endpoints, capacity),
 * service-task-schema.ts and service-schema.ts (services), state-backend-schema.ts,
 * pull-budget-schema.ts, detection-schema.ts, suppressions.ts. Code downstream of `parseConfig`
 * never supplies a default of its own.
 */

export const platformConfigSchema = z
  .strictObject({
    schemaVersion: z
      .number()
      .int("must be a whole number")
      .min(OLDEST_SCHEMA_VERSION, `must be at least ${OLDEST_SCHEMA_VERSION}`)
      .max(CURRENT_SCHEMA_VERSION, `is newer than this pullguard reads (config schema version ${CURRENT_SCHEMA_VERSION}); upgrade pullguard`)
      .default(OLDEST_SCHEMA_VERSION)
      .describe(`Config schema version (docs/upgrading.md). Default ${OLDEST_SCHEMA_VERSION}, the oldest; this pullguard writes ${CURRENT_SCHEMA_VERSION}. \`pullguard migrate\` rewrites an older config.`),
    project: resourceName("project name", 20).default("pullguard").describe("Prefix of shared resource names. Default pullguard."),
    accounts: z.record(resourceName("account alias", 32), account).refine((a) => Object.keys(a).length > 0, "must declare at least one account"),
    environments: z
      .record(resourceName("environment name", 20), environment)
      .refine((e) => Object.keys(e).length > 0, "must declare at least one environment"),
    tags: tags.default({}).describe("Default tags on every resource, beside managed-by and environment."),
    backend: backend.default({ type: "local" }),
    stackBackends: z.record(z.string(), backend).default({}).describe("Per-stack backend overrides, keyed by stack name."),
    pullBudget,
    detection,
    suppressions,
  })
  .superRefine((c, ctx) => {
    checkAccountArnPartitions(c, ctx);
    // One key for every stack means one state file: the second apply destroys the first stack's resources.
    if (c.backend.type === "s3" && c.backend.key !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["backend", "key"],
        message: "would put every stack in one state file (the second apply destroys the first stack's resources); use keyPrefix here, and key only under stackBackends.<stack>",
      });
    }
  })
  .describe("pullguard platform config");

/** What users write: every defaulted field optional. */
export type PlatformConfigInput = z.input<typeof platformConfigSchema>;
/** What the rest of pullguard reads: every default applied. */
export type PlatformConfig = z.output<typeof platformConfigSchema>;
export type AccountConfig = PlatformConfig["accounts"][string];
export type RegistryConfig = NonNullable<AccountConfig["registry"]>;
export type PullThroughCacheConfig = RegistryConfig["pullThroughCache"];
export type CredentialConfig = NonNullable<PullThroughCacheConfig["dockerHub"]>["credential"];
export type RepositoryTemplatesConfig = RegistryConfig["repositoryTemplates"];
export type EnvironmentConfig = PlatformConfig["environments"][string];
export type VpcConfig = EnvironmentConfig["regions"][string]["vpc"];
export type EndpointsConfig = EnvironmentConfig["endpoints"];
export type EndpointSetting = EndpointsConfig["ecrApi"];
export type ServiceConfig = EnvironmentConfig["services"][string];
export type SidecarConfig = ServiceConfig["sidecars"][string];
export type Ec2CapacityConfig = EnvironmentConfig["ec2Capacity"];
export type BackendConfig = PlatformConfig["backend"];
export type PullBudgetConfig = PlatformConfig["pullBudget"];
export type DetectionConfig = PlatformConfig["detection"];
