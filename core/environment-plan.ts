import { arn } from "./aws/arn";
import { ecrRepositoryArn } from "./aws/ecr";
import type { EndpointSetting, EnvironmentConfig, PlatformConfig, ServiceConfig } from "../config/schema";
import type { FindingLog } from "./findings";
import { logGroupArn, policyDocument, sortedUnique, type PolicyDocument, type PolicyStatement } from "./iam";
import { plaintextSecretProblems, TASK_DEFINITION_MAX_BYTES, taskDefinitionBytes } from "./container-checks";
import { resolveImage, type ImageContext } from "./images";
import {
  executionRoleName,
  imageTagVariableName,
  logGroupName,
  taskFamily,
  taskSecurityGroupName,
} from "./naming";
import type {
  ContainerPlan,
  EndpointPlan,
  EndpointService,
  ExecutionRolePlan,
  RolloutPlanSummary,
  ServicePlan,
} from "./plan-types";
import { assessService, maxStartsWithinShare, type EcrQuotas, type ServicePullProfile } from "./pull-budget";
import { circuitBreakerThreshold, concurrentStarts, fastestRolloutWithin } from "./rollout";
import { containerSettings, planProduction, planStarts } from "./service-production";
import { fleetSize } from "./task-starts";

/** The ECR actions a pull makes (aws-facts.md: one BatchGetImage, one GetDownloadUrlForLayer per layer). */
export const ECR_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] as const;
/** A first pull through the cache imports the image and may create its repository (aws-facts.md). */
export const ECR_CACHE_IMPORT_ACTIONS = ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"] as const;

export interface LocationContext {
  readonly config: PlatformConfig;
  readonly environment: string;
  readonly env: EnvironmentConfig;
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  readonly natPublicIps: number;
  readonly quotas: EcrQuotas;
  readonly images: ImageContext;
  readonly log: FindingLog;
}

function servicePath(ctx: LocationContext, service: string): string {
  return `environments.${ctx.environment}.services.${service}`;
}

function planContainers(name: string, service: ServiceConfig, ctx: LocationContext): ContainerPlan[] | undefined {
  const path = servicePath(ctx, name);
  const containers: ContainerPlan[] = [];
  let failed = false;
  const main = resolveImage(service, `${path}.image`, ctx.images);
  if (!main) failed = true;
  else {
    let tagVariable: ContainerPlan["tagVariable"];
    if (service.imageTagVariable) {
      if (main.tag === undefined || main.digest !== undefined) {
        ctx.log.error(`${path}.imageTagVariable`, "needs an image written with a tag and no digest: the tag is the variable's default", ctx.stackName);
        failed = true;
      } else tagVariable = { name: imageTagVariableName(name), default: main.tag };
    }
    containers.push({
      name,
      essential: true,
      image: main,
      ...(tagVariable ? { tagVariable } : {}),
      ...(service.port !== undefined ? { port: service.port } : {}),
      environment: service.environment,
      secrets: service.secrets,
      ...(service.repositoryCredentialsArn ? { repositoryCredentialsArn: service.repositoryCredentialsArn } : {}),
      settings: containerSettings(service),
    });
  }
  for (const [sidecarName, sidecar] of Object.entries(service.sidecars)) {
    if (sidecarName === name) {
      ctx.log.error(`${path}.sidecars.${sidecarName}`, "has the service's own name, which the main container uses", ctx.stackName);
      failed = true;
      continue;
    }
    const image = resolveImage(sidecar, `${path}.sidecars.${sidecarName}.image`, ctx.images);
    if (!image) {
      failed = true;
      continue;
    }
    containers.push({
      name: sidecarName,
      essential: sidecar.essential,
      image,
      ...(sidecar.port !== undefined ? { port: sidecar.port } : {}),
      environment: sidecar.environment,
      secrets: sidecar.secrets,
      ...(sidecar.repositoryCredentialsArn ? { repositoryCredentialsArn: sidecar.repositoryCredentialsArn } : {}),
      settings: containerSettings(sidecar),
    });
  }
  const names = new Set(containers.map((c) => c.name));
  for (const c of containers) {
    for (const target of Object.keys(c.settings.dependsOn)) {
      if (names.has(target) && target !== c.name) continue;
      const where = c.name === name ? `${path}.dependsOn.${target}` : `${path}.sidecars.${c.name}.dependsOn.${target}`;
      ctx.log.error(where, target === c.name ? "must not name the container itself" : `names "${target}", which is not a container of the task (${[...names].join(", ")})`, ctx.stackName);
      failed = true;
    }
  }
  return failed ? undefined : containers;
}

/** What ECS would accept but should not get: plaintext secrets, and task definitions over 64 KiB. */
function containersAcceptable(name: string, containers: readonly ContainerPlan[], ctx: LocationContext): boolean {
  const path = servicePath(ctx, name);
  let ok = true;
  for (const container of containers) {
    const at = container.name === name && container.essential ? path : `${path}.sidecars.${container.name}`;
    for (const problem of plaintextSecretProblems(container.environment)) {
      ctx.log.error(`${at}.environment.${problem.name}`, problem.message, ctx.stackName);
      ok = false;
    }
  }
  const bytes = taskDefinitionBytes(containers, logGroupName(ctx.config.project, ctx.environment, name), ctx.region);
  if (bytes > TASK_DEFINITION_MAX_BYTES) {
    ctx.log.error(path, `its task definition would be about ${Math.ceil(bytes / 1024)} KiB; ECS allows 64 KiB (move large values to secrets or files)`, ctx.stackName);
    ok = false;
  }
  return ok;
}

function pullProfile(name: string, service: ServiceConfig, containers: readonly ContainerPlan[], ctx: LocationContext) {
  return {
    stack: ctx.stackName,
    service: name,
    // The budget is checked at the largest fleet a deployment can meet: autoscaling.max.
    desiredCount: fleetSize(service.desiredCount, service.autoscaling),
    launchType: service.launchType,
    ...(service.launchType === "EC2" ? { pullBehavior: ctx.env.ec2Capacity.imagePullBehavior, instanceCount: Math.max(1, ctx.env.ec2Capacity.desiredCapacity) } : {}),
    natPublicIps: Math.max(1, ctx.natPublicIps),
    images: containers.map((c) => c.image.pull),
  };
}

/**
 * minimumHealthyPercent / maximumPercent: the fastest rollout whose burst stays within the pull
 * budget, which is the smaller of the configured cap and what the ECR quotas allow at maxQuotaShare.
 * Explicit overrides win; core/rules reports when they break progress, capacity or budget.
 */
function planRollout(service: ServiceConfig, profile: Omit<ServicePullProfile, "minimumHealthyPercent" | "maximumPercent">, ctx: LocationContext): RolloutPlanSummary {
  const cap = service.deployment.maxConcurrentStarts ?? ctx.config.pullBudget.defaultMaxConcurrentStarts;
  const quotaBound = maxStartsWithinShare(profile, ctx.config.pullBudget.maxQuotaShare, ctx.quotas);
  // With minimumHealthyPercent 100 no more than desiredCount tasks can start at once anyway.
  const fleet = profile.desiredCount;
  const budget = Math.max(1, Math.min(cap, quotaBound, fleet));
  const fastest = fastestRolloutWithin({
    desiredCount: fleet,
    maxConcurrentStarts: budget,
    minimumHealthyPercentFloor: service.deployment.minimumHealthyPercentFloor,
  });
  const minimumHealthyPercent = service.deployment.minimumHealthyPercent ?? fastest.minimumHealthyPercent;
  const maximumPercent = service.deployment.maximumPercent ?? fastest.maximumPercent;
  const overridden = service.deployment.minimumHealthyPercent !== undefined || service.deployment.maximumPercent !== undefined;
  return {
    minimumHealthyPercent,
    maximumPercent,
    concurrentStarts: concurrentStarts(fleet, { minimumHealthyPercent, maximumPercent }),
    circuitBreakerThreshold: circuitBreakerThreshold(fleet),
    budget,
    fastestWithinBudget: {
      minimumHealthyPercent: fastest.minimumHealthyPercent,
      maximumPercent: fastest.maximumPercent,
      concurrentStarts: fastest.concurrentStarts,
    },
    overridden,
  };
}

export function planService(name: string, service: ServiceConfig, roleName: string, ctx: LocationContext): ServicePlan | undefined {
  const containers = planContainers(name, service, ctx);
  if (!containers || !containersAcceptable(name, containers, ctx)) return undefined;
  const profileBase = pullProfile(name, service, containers, ctx);
  const rollout = planRollout(service, profileBase, ctx);
  const starts = planStarts(service, profileBase, rollout, ctx);
  // A ROLLING deployment is priced with its percents (as before); the other strategies start the whole green fleet.
  const assessment =
    service.deployment.strategy === "ROLLING"
      ? assessService({ ...profileBase, minimumHealthyPercent: rollout.minimumHealthyPercent, maximumPercent: rollout.maximumPercent }, ctx.quotas)
      : starts.deployment.assessment;
  const production = planProduction(name, service, containers, trustEcsTasks(ctx.account, ctx.region), starts, ctx, servicePath(ctx, name));
  const checked = production.loadBalancers.length > 0 || containers.some((c) => c.settings.healthCheck !== undefined);
  return {
    name,
    configPath: servicePath(ctx, name),
    desiredCount: service.desiredCount,
    launchType: service.launchType,
    cpu: service.cpu,
    memory: service.memory,
    containers,
    rollout,
    ...(checked ? { healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds } : {}),
    logGroupName: logGroupName(ctx.config.project, ctx.environment, name),
    logRetentionDays: service.logRetentionDays,
    executionRoleName: roleName,
    taskFamily: taskFamily(ctx.config.project, ctx.stackName, name),
    securityGroupName: taskSecurityGroupName(ctx.config.project, ctx.stackName, name),
    assessment,
    production,
  };
}

// ---------------------------------------------------------------------------------------------
// IAM
// ---------------------------------------------------------------------------------------------

/** Every secret or parameter ARN the task's containers reference: container secrets and repositoryCredentials. */
function referencedSecretArns(containers: readonly ContainerPlan[]): string[] {
  return containers.flatMap((c) => [...Object.values(c.secrets), ...(c.repositoryCredentialsArn ? [c.repositoryCredentialsArn] : [])]);
}

/**
 * Secrets Manager grants need the 6-character suffix AWS appends to a secret's name. A partial ARN
 * gets the `-??????` wildcard. A name that ends in `-` and six characters is either a complete ARN
 * or a partial ARN of a secret whose own name ends that way, and nothing in the ARN says which
 * (aws-cdk makes the caller choose), so both forms are granted. A `:json-key:stage:version`
 * selector is not part of the resource.
 */
function secretResources(arn: string): string[] {
  const secret = arn.split(":").slice(0, 7).join(":");
  return /-[A-Za-z0-9]{6}$/.test(secret) ? [secret, `${secret}-??????`] : [`${secret}-??????`];
}

export function trustEcsTasks(account: string, region: string): PolicyDocument {
  return policyDocument([
    {
      Effect: "Allow",
      Principal: { Service: "ecs-tasks.amazonaws.com" },
      Action: "sts:AssumeRole",
      // Confused-deputy protection: only ECS acting for this account and Region may assume the role.
      Condition: {
        StringEquals: { "aws:SourceAccount": account },
        ArnLike: { "aws:SourceArn": arn({ service: "ecs", region, account, resource: "*" }) },
      },
    },
  ]);
}

/** Image-pull statements, shared by execution roles and the container-instance role. */
export function pullStatements(services: readonly ServicePlan[]): PolicyStatement[] {
  const images = services.flatMap((s) => s.containers.map((c) => c.image));
  const ecrImages = images.filter((i) => i.repositoryArn !== undefined);
  const statements: PolicyStatement[] = [];
  if (ecrImages.length === 0) return statements;
  // The one ECR action that cannot be scoped to a repository.
  statements.push({ Sid: "AuthenticateToEcr", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" });
  statements.push({ Sid: "PullImages", Effect: "Allow", Action: [...ECR_PULL_ACTIONS], Resource: sortedUnique(ecrImages.map((i) => i.repositoryArn!)) });
  const cached = ecrImages.filter((i) => i.viaCache);
  if (cached.length > 0) {
    statements.push({ Sid: "ImportThroughPullThroughCache", Effect: "Allow", Action: [...ECR_CACHE_IMPORT_ACTIONS], Resource: sortedUnique(cached.map((i) => i.repositoryArn!)) });
  }
  return statements;
}

export function executionPolicy(services: readonly ServicePlan[], account: string, region: string, kmsKeyArns: readonly string[]): PolicyDocument {
  const statements = pullStatements(services);
  const containers = services.flatMap((s) => s.containers);
  const secretArns = referencedSecretArns(containers);
  const secretsManager = sortedUnique(secretArns.filter((a) => a.includes(":secretsmanager:")).flatMap(secretResources));
  const parameters = sortedUnique(secretArns.filter((a) => a.includes(":ssm:")));
  if (secretsManager.length > 0) statements.push({ Sid: "ReadContainerSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretsManager });
  if (parameters.length > 0) statements.push({ Sid: "ReadContainerParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: parameters });
  const keys = sortedUnique(kmsKeyArns);
  if (keys.length > 0 && (secretsManager.length > 0 || parameters.length > 0)) {
    statements.push({ Sid: "DecryptContainerSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: keys });
  }
  statements.push({
    Sid: "WriteContainerLogs",
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
    Resource: sortedUnique(services.map((s) => `${logGroupArn(region, account, s.logGroupName)}:*`)),
  });
  return policyDocument(statements);
}

export function planExecutionRoles(services: readonly ServicePlan[], serviceConfigs: Readonly<Record<string, ServiceConfig>>, ctx: LocationContext): ExecutionRolePlan[] {
  const trust = trustEcsTasks(ctx.account, ctx.region);
  const groups = new Map<string, ServicePlan[]>();
  for (const service of services) {
    const list = groups.get(service.executionRoleName) ?? [];
    list.push(service);
    groups.set(service.executionRoleName, list);
  }
  return [...groups.entries()].map(([name, members]) => ({
    name,
    services: members.map((s) => s.name),
    trustPolicy: trust,
    policy: executionPolicy(members, ctx.account, ctx.region, members.flatMap((s) => serviceConfigs[s.name]?.secretsKmsKeyArns ?? [])),
  }));
}

/** Within IAM's 64 characters by construction (core/naming.ts shortens with a hash). */
export function roleNameFor(serviceName: string, ctx: LocationContext): string {
  return executionRoleName(ctx.config.project, ctx.stackName, ctx.env.executionRoles === "shared" ? undefined : serviceName);
}

// ---------------------------------------------------------------------------------------------
// VPC endpoints
// ---------------------------------------------------------------------------------------------

interface EndpointNeed {
  readonly service: EndpointService;
  readonly key: keyof Omit<EnvironmentConfig["endpoints"], "restrictToAccount">;
  readonly needed: boolean;
  readonly reason: string;
}

function ecrEndpointPolicy(account: string, region: string, cacheImports: boolean): PolicyDocument {
  const sameAccount = { StringEquals: { "aws:PrincipalAccount": account } };
  return policyDocument([
    { Sid: "AuthenticateToEcr", Effect: "Allow", Principal: "*", Action: "ecr:GetAuthorizationToken", Resource: "*", Condition: sameAccount },
    {
      Sid: "PullFromOwnRegistry",
      Effect: "Allow",
      Principal: "*",
      Action: [...ECR_PULL_ACTIONS, ...(cacheImports ? ECR_CACHE_IMPORT_ACTIONS : [])],
      Resource: ecrRepositoryArn(region, account, "*"),
      Condition: sameAccount,
    },
  ]);
}

/** Layers are served from ECR's S3 bucket; a restricted gateway policy must keep it (aws-facts.md). */
function s3EndpointPolicy(account: string, region: string): PolicyDocument {
  return policyDocument([
    { Sid: "EcrImageLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: arn({ service: "s3", region, account: "", resource: `prod-${region}-starport-layer-bucket/*` }, false) },
    { Sid: "OwnAccountBuckets", Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": account } } },
  ]);
}

export function planEndpoints(services: readonly ServicePlan[], hasEc2: boolean, ctx: LocationContext): EndpointPlan[] {
  const containers = services.flatMap((s) => s.containers);
  const secretArns = referencedSecretArns(containers);
  const usesSecretsManager = secretArns.some((a) => a.includes(":secretsmanager:"));
  const usesParameters = secretArns.some((a) => a.includes(":ssm:"));
  // Matches executionPolicy: a key is only used (kms:Decrypt) when the service has secrets to decrypt.
  const usesKms = services.some((s) => (ctx.env.services[s.name]?.secretsKmsKeyArns.length ?? 0) > 0 && s.containers.some((c) => Object.keys(c.secrets).length > 0));
  const needs: EndpointNeed[] = [
    { service: "ecr.api", key: "ecrApi", needed: true, reason: "ECR authentication and manifests (GetAuthorizationToken, BatchGetImage)" },
    { service: "ecr.dkr", key: "ecrDkr", needed: true, reason: "Docker registry API for image pulls" },
    { service: "s3", key: "s3", needed: true, reason: "image layers live in S3 (prod-<region>-starport-layer-bucket)" },
    { service: "logs", key: "logs", needed: services.length > 0, reason: "awslogs log driver" },
    { service: "secretsmanager", key: "secretsmanager", needed: usesSecretsManager, reason: "container secrets and repositoryCredentials" },
    { service: "ssm", key: "ssm", needed: usesParameters, reason: "container secrets from Parameter Store" },
    { service: "kms", key: "kms", needed: usesKms, reason: "decrypting secrets encrypted with a customer managed key" },
    { service: "ecs", key: "ecs", needed: hasEc2, reason: "ECS agent on container instances" },
    { service: "ecs-agent", key: "ecsAgent", needed: hasEc2, reason: "ECS agent on container instances" },
    { service: "ecs-telemetry", key: "ecsTelemetry", needed: hasEc2, reason: "ECS agent telemetry on container instances" },
  ];
  const restrict = ctx.env.endpoints.restrictToAccount;
  const cacheImports = services.some((s) => s.containers.some((c) => c.image.viaCache));
  const plans: EndpointPlan[] = [];
  for (const need of needs) {
    const setting: EndpointSetting = ctx.env.endpoints[need.key];
    const path = `environments.${ctx.environment}.endpoints.${need.key}`;
    if (setting === "off") {
      if (need.needed) ctx.log.warning(path, `is off, but ${need.reason} needs it: that traffic leaves through NAT`, ctx.stackName, "PG-ENDPOINT-OFF");
      continue;
    }
    if (setting === "auto" && !need.needed) continue;
    const type = need.service === "s3" ? "Gateway" : "Interface";
    const policy = !restrict ? undefined : need.service === "s3" ? s3EndpointPolicy(ctx.account, ctx.region) : need.service.startsWith("ecr.") ? ecrEndpointPolicy(ctx.account, ctx.region, cacheImports) : undefined;
    plans.push({
      service: need.service,
      serviceName: `com.amazonaws.${ctx.region}.${need.service}`,
      type,
      ...(typeof setting === "object" ? { mode: "existing" as const, existingId: setting.existingId } : { mode: "create" as const }),
      ...(policy ? { policy } : {}),
      reason: need.needed ? need.reason : "requested in config",
    });
  }
  return plans;
}
