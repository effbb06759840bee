import { z } from "zod";
import { suppressions } from "./suppressions";
import {
  accountId,
  containerSecretArn,
  ecrRepositoryPrefix,
  ecrRepositoryPrefixKey,
  iamRoleArn,
  kmsKeyArn,
  logRetentionDays,
  pullThroughCacheCredentialArn,
  region,
  resourceName,
  routeTableId,
  secretsManagerArn,
  snsTopicArn,
  subnetId,
  tags,
  resourceTags,
  bucketNameProblem,
  vpcCidr,
  vpcId,
} from "./primitives";
import {
  assumeRole,
  awsProfile,
  credentialValue,
  credentialValueVersion,
  endpointSetting,
  existingClusterName,
  existingRegistry,
  ownImages,
  policyStatement,
  regionCapacityOverride,
  regionEndpoints,
  regionServiceOverride,
} from "./estate-schema";
import { containerBasics, deploymentStrategyFields, productionServiceFields } from "./service-schema";
import { checkCapacityArchitecture, checkService } from "./service-checks";

/**
 * The one definition of a pullguard platform config. The TypeScript types are inferred from it, the
 * JSON Schema for editors is generated from it (`npm run schema`), and every default is applied
 * here, by zod's `.default()`, next to the field it belongs to. Code downstream of `parseConfig`
 * never supplies a default of its own.
 */

const accountRef = z.string().min(1).describe("An account alias declared under `accounts`.");

// ---------------------------------------------------------------------------------------------
// Registry: pull-through cache, creation templates, replication, scanning (one set per account,
// applied in every Region where that account runs clusters, receives or pushes images).
// ---------------------------------------------------------------------------------------------

const credential = z
  .discriminatedUnion("source", [
    z.strictObject({
      source: z.literal("create").describe("The registry stack creates an empty secret `ecr-pullthroughcache/<prefix>`; set its value out of band (README)."),
      kmsKeyArn: kmsKeyArn.optional().describe("Customer managed key for the secret; must be in the registry's Region. Default: the AWS managed key."),
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
    }),
    z.strictObject({
      source: z.literal("existing"),
      secretArns: z
        .record(region, pullThroughCacheCredentialArn)
        .describe("An existing `ecr-pullthroughcache/...` secret per Region, keyed by Region: the secret must live in the rule's account and Region."),
    }),
  ])
  .describe("Upstream credentials (Docker Hub, GHCR, GitLab, Azure). The secret value never appears in config, output or state.");

const simpleUpstream = (defaultPrefix: string, name: string) =>
  z
    .union([
      z.literal(true),
      z.strictObject({
        prefix: ecrRepositoryPrefix.default(defaultPrefix).describe(`ECR repository prefix for ${name}. Default "${defaultPrefix}".`),
      }),
    ])
    .transform((v) => (v === true ? { prefix: defaultPrefix } : v))
    .describe(`Cache ${name}: \`true\` for the default prefix "${defaultPrefix}", or \`{ prefix }\`.`);

const credentialedUpstream = (defaultPrefix: string, name: string) =>
  z
    .strictObject({
      prefix: ecrRepositoryPrefix.default(defaultPrefix).describe(`ECR repository prefix for ${name}. Default "${defaultPrefix}".`),
      credential: credential.describe(`${name} requires a credential (aws-facts.md).`),
    })
    .describe(`Cache ${name} (needs a Secrets Manager credential).`);

const azureUpstream = z.strictObject({
  registryName: z
    .string()
    .regex(/^[a-z0-9]{5,50}$/, "must be the Azure registry name: the <name> of <name>.azurecr.io, 5-50 lowercase letters and digits"),
  credential,
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
});

const pullThroughCache = z
  .strictObject({
    dockerHub: credentialedUpstream("docker-hub", "Docker Hub (registry-1.docker.io)").optional(),
    ecrPublic: simpleUpstream("ecr-public", "ECR Public (public.ecr.aws)").optional(),
    quay: simpleUpstream("quay", "Quay (quay.io)").optional(),
    k8s: simpleUpstream("k8s", "Kubernetes (registry.k8s.io)").optional(),
    ghcr: credentialedUpstream("ghcr", "GitHub Container Registry (ghcr.io)").optional(),
    gitlab: credentialedUpstream("gitlab", "GitLab Container Registry (registry.gitlab.com)").optional(),
    azure: z.record(ecrRepositoryPrefixKey, azureUpstream).default({}).describe("Azure Container Registries, keyed by ECR repository prefix."),
    ecr: z.record(ecrRepositoryPrefixKey, ecrUpstream).default({}).describe("ECR-to-ECR rules, keyed by ECR repository prefix."),
  })
  .describe("Upstream registries to cache in every cluster Region of the account.");

const encryption = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("AES256") }),
    z.strictObject({ type: z.literal("KMS"), kmsKeyArn: kmsKeyArn.describe("Must be in the registry's Region.") }),
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

const registry = z
  .strictObject({
    pullThroughCache: pullThroughCache.default({ azure: {}, ecr: {} }),
    repositoryTemplates: repositoryTemplates.default({
      tagMutability: "IMMUTABLE",
      encryption: { type: "AES256" },
      resourceTags: {},
      untaggedExpireDays: 14,
      keepTaggedImages: 100,
    }),
    replicationRules: z.array(replicationRule).default([]).describe("Explicit replication rules, added to the ones pullguard derives."),
    scanning: scanning.default({ type: "BASIC", frequency: "SCAN_ON_PUSH" }),
    ownImages,
    existing: z.record(region, existingRegistry).default({}).describe("Registry singletons that already exist, keyed by Region (imported, not created)."),
    registryPolicyStatements: z
      .array(policyStatement)
      .default([])
      .describe("Your own registry policy statements, merged with pullguard's (ECR allows one registry policy, so pullguard owns it)."),
  })
  .describe("Registry-scoped settings of this account, applied in each of its registry stacks.");

const account = z.strictObject({
  id: accountId,
  assumeRole: assumeRole.optional(),
  profile: awsProfile.optional(),
  registry: registry.optional().describe("Omit for an account that only runs clusters with no upstream caching (rare)."),
});

// ---------------------------------------------------------------------------------------------
// Environments
// ---------------------------------------------------------------------------------------------

const vpc = z.strictObject({
  id: vpcId,
  cidr: vpcCidr.describe("Primary IPv4 CIDR; interface endpoints accept TCP 443 from it."),
  privateSubnetIds: z.array(subnetId).min(1, "must list at least one private subnet").describe("Tasks and interface endpoints go here."),
  privateSubnetAvailabilityZones: z
    .record(subnetId, z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, "must be an Availability Zone name like us-east-1a"))
    .optional()
    .describe("Availability Zone of each private subnet. With it, interface endpoints get one subnet per AZ (the first by id); without it, every listed subnet, which must then be in distinct AZs."),
  privateRouteTableIds: z.array(routeTableId).min(1, "must list at least one private route table").describe("The S3 gateway endpoint is attached to these."),
  natPublicIps: z
    .number()
    .int()
    .min(0)
    .default(1)
    .describe("Public egress IPs (NAT gateways) the private subnets share; Docker Hub counts anonymous pulls per IP. Default 1."),
});

const endpoints = z
  .strictObject({
    ecrApi: endpointSetting,
    ecrDkr: endpointSetting,
    s3: endpointSetting,
    logs: endpointSetting,
    secretsmanager: endpointSetting,
    ssm: endpointSetting,
    kms: endpointSetting,
    ecs: endpointSetting,
    ecsAgent: endpointSetting,
    ecsTelemetry: endpointSetting,
    ssmmessages: endpointSetting,
    restrictToAccount: z
      .boolean()
      .default(false)
      .describe("Attach endpoint policies that allow ECR and the S3 layer bucket only for this environment's account. Default false."),
  })
  .describe("VPC endpoints for private pulls. ECR API, ECR Docker and S3 are always needed.");

const containerFields = {
  image: z.string().describe("Image as you write it: `nginx:1.27.3`, `ghcr.io/org/app:v1`, `<account>.dkr.ecr.<region>.amazonaws.com/app:3f9c2d1`."),
  imageLayers: z.number().int().min(1).max(127).default(10).describe("Layers in the image, for the pull budget. Default 10."),
  port: z.number().int().min(1).max(65535).optional().describe("Container port (TCP)."),
  environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name"), z.string()).default({}),
  secrets: z
    .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name"), containerSecretArn)
    .default({})
    .describe("Environment variables injected from Secrets Manager or SSM Parameter Store, by ARN."),
  pullDirect: z
    .boolean()
    .default(false)
    .describe("Pull from the upstream registry itself instead of through the cache. Default false; Docker Hub direct pulls fail the pull budget."),
  repositoryCredentialsArn: secretsManagerArn.optional().describe("For direct pulls from a private registry: the ECS repositoryCredentials secret."),
  dockerHubPlan: z
    .enum(["personal", "paid"])
    .optional()
    .describe("For direct Docker Hub pulls with repositoryCredentials: the account's plan (personal 200 pulls per 6 hours, paid unlimited)."),
  ...containerBasics,
};

const sidecar = z.strictObject({
  ...containerFields,
  essential: z.boolean().default(false).describe("Whether the task stops when this container stops. Default false."),
});

const deployment = z
  .strictObject({
    minimumHealthyPercent: z.number().int().min(0).max(100).optional().describe("Override the computed value (a warning says when it breaks the rollout rules)."),
    maximumPercent: z.number().int().min(100).max(200).optional().describe("Override the computed value."),
    minimumHealthyPercentFloor: z
      .number()
      .int()
      .min(0)
      .max(100)
      .default(100)
      .describe(
        "Lowest minimum healthy percent pullguard may choose; it goes below 100 only when that starts more tasks within the budget (150 tasks, 2 at once: 99/101). Default 100: never run below the desired count.",
      ),
    maxConcurrentStarts: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("Most tasks allowed to start at once. Default: the largest burst the pull budget allows, at most 25."),
    ...deploymentStrategyFields,
  })
  .prefault({});

const FARGATE_MEMORY: Readonly<Record<number, readonly [number, number, number]>> = {
  256: [512, 2048, 512],
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
  8192: [16384, 61440, 4096],
  16384: [32768, 122880, 8192],
};

/** Fargate accepts fixed cpu/memory pairs; a wrong pair only fails at apply time otherwise. */
export function fargateSizeProblem(cpu: number, memory: number): string | undefined {
  const range = FARGATE_MEMORY[cpu];
  if (!range) return `cpu must be one of ${Object.keys(FARGATE_MEMORY).join(", ")} on Fargate`;
  const [min, max, step] = range;
  if (cpu === 256 && ![512, 1024, 2048].includes(memory)) return "memory must be 512, 1024 or 2048 with cpu 256 on Fargate";
  if (memory < min || memory > max || (memory - min) % step !== 0) {
    return `memory must be ${min}-${max} in steps of ${step} with cpu ${cpu} on Fargate`;
  }
  return undefined;
}

const EC2_TASK_CPU_MAX = 196608;

const service = z
  .strictObject({
    ...containerFields,
    desiredCount: z.number().int().min(1).max(5000).describe("Tasks the service runs."),
    launchType: z.enum(["FARGATE", "EC2"]).default("FARGATE"),
    cpu: z.number().int().min(128).default(256).describe("Task CPU units. Default 256."),
    memory: z.number().int().min(128).default(512).describe("Task memory (MiB). Default 512."),
    imageTagVariable: z
      .boolean()
      .default(false)
      .describe("Take the main image's tag from the Terraform variable `<service>_image_tag` at deploy time; the tag in `image` is its default."),
    logRetentionDays: logRetentionDays.default(30).describe("CloudWatch Logs retention. Default 30."),
    healthCheckGracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(2147483647)
      .default(60)
      .describe("Default 60. Emitted only when the service has a load balancer or a container health check (the only checks it delays)."),
    secretsKmsKeyArns: z.array(kmsKeyArn).default([]).describe("Customer managed keys the secrets are encrypted with (grants kms:Decrypt)."),
    sidecars: z.record(resourceName("container name", 32), sidecar).default({}),
    deployment,
    ...productionServiceFields,
  })
  .superRefine((s, ctx) => {
    // RegisterTaskDefinition: a task on EC2 takes 128 to 196608 CPU units (0.125 to 192 vCPU).
    if (s.launchType === "EC2" && s.cpu > EC2_TASK_CPU_MAX) {
      ctx.addIssue({ code: "custom", path: ["cpu"], message: `must be at most ${EC2_TASK_CPU_MAX} (192 vCPU, the ECS limit for a task on EC2)` });
    }
    checkService(s, ctx);
    if (s.launchType === "FARGATE") {
      const problem = fargateSizeProblem(s.cpu, s.memory);
      // The path already names the field: "...memory: must be 512, 1024 or 2048 with cpu 256 on Fargate".
      if (problem) {
        const field = problem.startsWith("cpu") ? "cpu" : "memory";
        ctx.addIssue({ code: "custom", path: [field], message: problem.slice(field.length + 1) });
      }
    }
  });

const ec2Capacity = z
  .strictObject({
    instanceType: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type like m6i.large").default("m6i.large"),
    minSize: z.number().int().min(0).default(1),
    maxSize: z.number().int().min(1).default(4),
    desiredCapacity: z.number().int().min(0).default(2).describe("Instances the EC2 services spread over (also the pull-budget instance count). Default 2."),
    imagePullBehavior: z
      .enum(["default", "always", "once", "prefer-cached"])
      .default("once")
      .describe("ECS_IMAGE_PULL_BEHAVIOR. Default `once`: caches per instance and keeps automated image cleanup."),
    additionalInstanceTypes: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "must be an EC2 instance type like m6i.large"))
      .default([])
      .describe("More instance types for the Auto Scaling group (mixed instances policy); all of one CPU architecture. Default none."),
    amiSsmParameter: z
      .string()
      .regex(/^\/[A-Za-z0-9/_.-]+$/)
      .optional()
      .describe(
        "SSM parameter with the ECS-optimized AMI id, resolved at launch. Default by the instance types' architecture: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id (x86_64) or .../amazon-linux-2023/arm64/recommended/image_id (Graviton).",
      ),
  })
  .superRefine((c, ctx) => {
    checkCapacityArchitecture(c, ctx);
    if (c.maxSize < c.minSize) ctx.addIssue({ code: "custom", path: ["maxSize"], message: "must be at least minSize" });
    if (c.desiredCapacity < c.minSize || c.desiredCapacity > c.maxSize) {
      ctx.addIssue({ code: "custom", path: ["desiredCapacity"], message: "must be between minSize and maxSize" });
    }
  });

const environmentRegion = z.strictObject({
  vpc,
  endpoints: regionEndpoints.optional(),
  services: z.record(z.string(), regionServiceOverride).default({}).describe("Region-bound settings per service (desired count, secret and KMS ARNs), by service name."),
  ec2Capacity: regionCapacityOverride.optional(),
  existingClusterName: existingClusterName.optional(),
});

const environment = z.strictObject({
  account: accountRef.describe("Account alias (declared under `accounts`)."),
  regions: z
    .record(region, environmentRegion)
    .refine((r) => Object.keys(r).length > 0, "must declare at least one Region")
    .describe("Regions the environment runs in, each with its VPC. More than one Region gives one stack per Region."),
  executionRoles: z
    .enum(["per-service", "shared"])
    .default("per-service")
    .describe("One task execution role per service (least privilege), or one shared by the environment. Default per-service."),
  containerInsights: z.enum(["enabled", "enhanced", "disabled"]).default("enabled"),
  endpoints: endpoints.default({
    ecrApi: "auto",
    ecrDkr: "auto",
    s3: "auto",
    logs: "auto",
    secretsmanager: "auto",
    ssm: "auto",
    kms: "auto",
    ecs: "auto",
    ecsAgent: "auto",
    ecsTelemetry: "auto",
    ssmmessages: "auto",
    restrictToAccount: false,
  }),
  ec2Capacity: ec2Capacity
    .default({
      instanceType: "m6i.large",
      minSize: 1,
      maxSize: 4,
      desiredCapacity: 2,
      imagePullBehavior: "once",
      additionalInstanceTypes: [],
    })
    .describe("Container instances, created only when a service has launchType EC2."),
  existingClusterName: existingClusterName.optional().describe("Run on this existing cluster in every Region (per-Region `existingClusterName` wins)."),
  tags: tags.default({}),
  services: z.record(resourceName("service name", 28), service).default({}),
});

// ---------------------------------------------------------------------------------------------
// Backends, pull budget, alerts
// ---------------------------------------------------------------------------------------------

const backend = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("local") }),
    z.strictObject({
      type: z.literal("s3"),
      bucket: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name")
        .superRefine((b, ctx) => {
          const problem = bucketNameProblem(b);
          if (problem) ctx.addIssue({ code: "custom", message: problem });
        }),
      region,
      keyPrefix: z
        .string()
        .regex(/^[A-Za-z0-9!_.*'()/-]*$/)
        .optional()
        .describe("State key is `<keyPrefix>/<stack>.tfstate`. Default: the project name, so two projects sharing a bucket never share a key."),
      key: z.string().min(1).optional().describe("Full state key; overrides keyPrefix. Only under stackBackends: at the top level every stack would share it."),
      useLockfile: z.boolean().default(true).describe("S3-native state locking. Default true."),
      encrypt: z.boolean().default(true),
    }),
  ])
  .describe("Terraform backend. Default local, relative to the stack directory.");

const ecrQuota = z.strictObject({
  rate: z.number().positive().describe("Sustained calls per second."),
  burst: z.number().positive().optional().describe("Token bucket size, if you know it. Default: the rate."),
});

const pullBudget = z
  .strictObject({
    maxQuotaShare: z
      .number()
      .gt(0)
      .max(1)
      .default(0.5)
      .describe("Refuse to synthesize a rollout whose peak second uses more than this share of any ECR API quota. Default 0.5."),
    defaultMaxConcurrentStarts: z.number().int().min(1).default(25).describe("Upper bound on tasks starting at once per service. Default 25."),
    allowDockerHubDirect: z
      .boolean()
      .default(false)
      .describe("Let containers with pullDirect pull from Docker Hub (still refused above the 6-hour limit). Default false."),
    ecrQuotas: z
      .record(
        region,
        z.strictObject({
          GetAuthorizationToken: ecrQuota.optional().describe("L-55A41110, default 500/s"),
          BatchGetImage: ecrQuota.optional().describe("L-16E70933, default 2000/s"),
          GetDownloadUrlForLayer: ecrQuota.optional().describe("L-A60A366D, default 3000/s"),
          BatchCheckLayerAvailability: ecrQuota.optional().describe("L-B9173138, default 1000/s"),
        }),
      )
      .default({})
      .describe("Per-Region quota values (after an increase), keyed by Region. Applied to every account in that Region."),
  })
  .default({ maxQuotaShare: 0.5, defaultMaxConcurrentStarts: 25, allowDockerHubDirect: false, ecrQuotas: {} });

const detection = z
  .strictObject({
    usageAlarms: z.boolean().default(true).describe("CloudWatch alarms on AWS/Usage CallCount of the ECR APIs. Default true."),
    usageAlarmThreshold: z.number().gt(0).max(1).default(0.8).describe("Share of the quota that raises the alarm. Default 0.8."),
    pullFailureEvents: z
      .boolean()
      .default(true)
      .describe("EventBridge rule for tasks stopped with CannotPullContainerError or ResourceInitializationError. Default true."),
    alarmTopicArn: snsTopicArn
      .optional()
      .describe(
        "Your SNS topic for usage alarms and pull-failure events, instead of the one pullguard creates per account and Region. Every stack that publishes must run in the topic's Region; the topic policy must let cloudwatch.amazonaws.com and events.amazonaws.com publish.",
      ),
    requestQuotaIncreases: z
      .boolean()
      .default(false)
      .describe("Opt in: manage ECR rate quotas with aws_servicequotas_service_quota (see docs for the caveats). Default false."),
  })
  .default({ usageAlarms: true, usageAlarmThreshold: 0.8, pullFailureEvents: true, requestQuotaIncreases: false });

export const platformConfigSchema = z
  .strictObject({
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
