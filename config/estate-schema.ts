import { z } from "zod";
import { regionProductionFields } from "./service-schema";
import { containerSecretArn, ecrRepositoryPrefix, iamRoleArn, kmsKeyArn, pullThroughCacheCredentialArn, region, secretsManagerArn, vpcEndpointId } from "./primitives";

/**
 * Config for real estates: reaching several accounts from one deploy, Region-bound settings per
 * Region, and infrastructure that exists before pullguard (endpoints, clusters, registry singletons).
 * Kept apart from registry-schema.ts and environment-schema.ts so their shapes stay readable.
 */

// ---------------------------------------------------------------------------------------------
// Reaching an account
// ---------------------------------------------------------------------------------------------

export const assumeRole = z
  .strictObject({
    roleArn: iamRoleArn.describe("Role in this account that the deploying identity assumes; its trust policy must allow that identity (README, Deploying several accounts)."),
    sessionName: z
      .string()
      .regex(/^[\w+=,.@-]{2,64}$/, "must be 2-64 characters of letters, digits and +=,.@_-")
      .default("pullguard")
      .describe("STS session name, visible in CloudTrail. Default pullguard."),
    externalId: z
      .string()
      .regex(/^[\w+=,.@:/-]{2,1224}$/, "must be 2-1224 characters of letters, digits and +=,.@:/_-")
      .optional()
      .describe("External id the role's trust policy requires, if any (not a secret: it is written into the stack JSON)."),
  })
  .describe("Rendered as the stack's provider `assume_role`, so one identity can apply every account's stacks.");

export const awsProfile = z
  .string()
  .regex(/^[A-Za-z0-9_.+-]{1,128}$/, "must be an AWS CLI profile name")
  .describe("Named profile (shared config file) the provider starts from; with assumeRole, the identity that assumes the role.");

// ---------------------------------------------------------------------------------------------
// Endpoints settable per Region
// ---------------------------------------------------------------------------------------------

const endpointChoice = z.union([z.enum(["auto", "create", "off"]), z.strictObject({ existingId: vpcEndpointId })]);

export const endpointSetting = endpointChoice
  .default("auto")
  .describe("`auto`: create when the services need it; `create`: always; `off`: never; `{ existingId }`: one exists already (set it per Region: ids are Region-bound).");

export const ENDPOINT_KEYS = ["ecrApi", "ecrDkr", "s3", "logs", "secretsmanager", "ssm", "kms", "ecs", "ecsAgent", "ecsTelemetry", "ssmmessages"] as const;
export type EndpointKey = (typeof ENDPOINT_KEYS)[number];

/** The same keys as the environment's `endpoints`, none defaulted: what is absent comes from the environment. */
export const regionEndpoints = z
  .strictObject({
    ...(Object.fromEntries(ENDPOINT_KEYS.map((k) => [k, endpointChoice.optional()])) as Record<EndpointKey, z.ZodOptional<typeof endpointChoice>>),
    restrictToAccount: z.boolean().optional(),
  })
  .describe("Per-Region endpoint settings; each key absent here takes the environment's `endpoints` value.");

// ---------------------------------------------------------------------------------------------
// Per-Region overrides of an environment
// ---------------------------------------------------------------------------------------------

const envVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name");

/** The Region-bound fields of a container: ARNs name a Region, so a multi-Region environment sets them per Region. */
const regionContainerOverride = {
  secrets: z
    .record(envVarName, containerSecretArn)
    .optional()
    .describe("Replaces (per variable) the container's secrets in this Region; each ARN must be in this Region."),
  repositoryCredentialsArn: secretsManagerArn.optional().describe("This Region's repositoryCredentials secret."),
};

export const regionServiceOverride = z
  .strictObject({
    desiredCount: z.number().int().min(1).max(5000).optional().describe("Tasks in this Region. Default: the service's desiredCount."),
    ...regionContainerOverride,
    secretsKmsKeyArns: z.array(kmsKeyArn).optional().describe("Replaces the service's secretsKmsKeyArns in this Region."),
    sidecars: z.record(z.string(), z.strictObject(regionContainerOverride)).default({}).describe("Per-Region secrets of sidecars, by sidecar name."),
    ...regionProductionFields,
  })
  .describe("Region-bound settings of one service in this Region.");

export const regionCapacityOverride = z
  .strictObject({
    instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type like m6i.large").optional(),
    minSize: z.number().int().min(0).optional(),
    maxSize: z.number().int().min(1).optional(),
    desiredCapacity: z.number().int().min(0).optional(),
  })
  .describe("This Region's EC2 capacity; absent fields come from the environment's ec2Capacity.");

export const existingClusterName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,255}$/, "must be an ECS cluster name (letters, digits, hyphens, underscores)")
  .describe("Run the services on this existing cluster instead of creating one (the stack neither creates nor changes it).");

// ---------------------------------------------------------------------------------------------
// Registry: existing singletons, own images across registries, merged registry policy
// ---------------------------------------------------------------------------------------------

export const policyStatement = z
  // Strict: a key zod does not know (NotAction, NotResource) must be an error, never silently dropped,
  // which would widen the statement.
  .strictObject({
    Sid: z.string().regex(/^[A-Za-z0-9]+$/, "must be letters and digits (IAM Sid)"),
    Effect: z.enum(["Allow", "Deny"]),
    Principal: z.union([z.literal("*"), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]),
    Action: z.union([z.string(), z.array(z.string())]),
    Resource: z.union([z.string(), z.array(z.string())]),
    Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))).optional(),
  })
  .describe("An IAM policy statement, as in the JSON policy language.");

export const existingRegistry = z
  .strictObject({
    replicationConfiguration: z.boolean().default(false).describe("The registry already has a replication configuration: import it (the first apply replaces its rules with pullguard's). Default false."),
    registryPolicy: z.boolean().default(false).describe("The registry already has a policy: import it; pullguard's statements plus `registryPolicyStatements` replace it. Default false."),
    scanning: z.boolean().default(false).describe("Import the registry scanning configuration (every registry has one; the first apply sets pullguard's). Default false."),
    pullThroughCacheRules: z.array(ecrRepositoryPrefix).default([]).describe("Prefixes of cache rules that already exist: imported instead of created (a rule whose settings differ is replaced)."),
    credentialSecrets: z
      .record(ecrRepositoryPrefix, pullThroughCacheCredentialArn)
      .default({})
      .describe("Existing `ecr-pullthroughcache/<prefix>` secrets of `credential: { source: create }` upstreams, by prefix: imported by ARN, value untouched."),
  })
  .describe("Registry singletons that exist in this Region before pullguard: emitted as Terraform import blocks.");

export const ownImages = z
  .enum(["pull-through-cache", "replication"])
  .default("pull-through-cache")
  .describe(
    "How a cluster gets the team's images pushed to another registry (Region or account) declared here. `pull-through-cache` (default): an ECR-to-ECR cache rule fetches on demand, so images pushed before the first deploy work; `replication`: copies pushes (only those after it exists; see docs for the backfill).",
  );

export const credentialValue = z
  .enum(["out-of-band", "apply-time"])
  .default("out-of-band")
  .describe(
    "`out-of-band` (default): the secret is created empty and you put its value with the AWS CLI after the first apply. `apply-time`: the stack writes it from the ephemeral Terraform variable named in docs (set TF_VAR_... ; Terraform >= 1.11), never stored in plan or state.",
  );

export const credentialValueVersion = z
  .number()
  .int()
  .min(1)
  .default(1)
  .describe("With value apply-time: `secret_string_wo_version`; raise it to write a new value. Default 1.");

export { region };
