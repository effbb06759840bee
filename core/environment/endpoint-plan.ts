import { arn } from "../../facts/arn";
import { ECR_CACHE_IMPORT_ACTIONS, ECR_PULL_ACTIONS, ecrRepositoryArn } from "../../facts/ecr";
import type { EndpointSetting, EnvironmentConfig } from "../../config/schema";
import { policyDocument, sortedUnique } from "../iam/policy";
import type { PolicyDocument } from "../model/policy-types";
import { importableRepositoryArns, type CacheRuleView } from "../images";
import type { EndpointOff, EndpointPlan, EndpointService, ServicePlan } from "../model/plan-types";
import type { LocationContext } from "../model/location-context";
import { referencedSecretArns } from "../iam/execution-role-plan";

/** The VPC endpoints an environment needs, and their policies. */

interface EndpointNeed {
  readonly service: EndpointService;
  readonly key: keyof Omit<EnvironmentConfig["endpoints"], "restrictToAccount">;
  readonly needed: boolean;
  readonly reason: string;
}

function ecrEndpointPolicy(account: string, region: string, cacheImports: boolean, cacheRules: readonly CacheRuleView[]): PolicyDocument {
  const sameAccount = { StringEquals: { "aws:PrincipalAccount": account } };
  // With approved repositories (docs/services.md) imports pass only to them; otherwise as before.
  const scopedImports = cacheImports && cacheRules.some((r) => r.allowedRepositories !== undefined);
  return policyDocument([
    { Sid: "AuthenticateToEcr", Effect: "Allow", Principal: "*", Action: "ecr:GetAuthorizationToken", Resource: "*", Condition: sameAccount },
    {
      Sid: "PullFromOwnRegistry",
      Effect: "Allow",
      Principal: "*",
      Action: [...ECR_PULL_ACTIONS, ...(cacheImports && !scopedImports ? ECR_CACHE_IMPORT_ACTIONS : [])],
      Resource: ecrRepositoryArn(region, account, "*"),
      Condition: sameAccount,
    },
    ...(scopedImports
      ? [
          {
            Sid: "ImportApprovedRepositories",
            Effect: "Allow" as const,
            Principal: "*" as const,
            Action: [...ECR_CACHE_IMPORT_ACTIONS],
            Resource: sortedUnique(cacheRules.flatMap((r) => importableRepositoryArns(r, { account, region }))),
            Condition: sameAccount,
          },
        ]
      : []),
  ]);
}

/** Layers are served from ECR's S3 bucket; a restricted gateway policy must keep it (aws-facts.md). */
function s3EndpointPolicy(account: string, region: string): PolicyDocument {
  return policyDocument([
    { Sid: "EcrImageLayers", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: arn({ service: "s3", region, account: "", resource: `prod-${region}-starport-layer-bucket/*` }, false) },
    { Sid: "OwnAccountBuckets", Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:ResourceAccount": account } } },
  ]);
}

/** Every endpoint the stack may have, whether its services need it, and for what. */
function endpointNeeds(services: readonly ServicePlan[], hasEc2: boolean, ctx: LocationContext): EndpointNeed[] {
  const containers = services.flatMap((s) => s.containers);
  const secretArns = referencedSecretArns(containers);
  const usesSecretsManager = secretArns.some((a) => a.includes(":secretsmanager:"));
  const usesParameters = secretArns.some((a) => a.includes(":ssm:"));
  // Matches executionPolicy: a key is only used (kms:Decrypt) when the service has secrets to decrypt.
  const usesKms = services.some((s) => (ctx.env.services[s.name]?.secretsKmsKeyArns.length ?? 0) > 0 && s.containers.some((c) => Object.keys(c.secrets).length > 0));
  const usesExec = services.some((s) => s.production.enableExecuteCommand);
  return [
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
    // ECS Exec runs the SSM agent in the container, which talks to Session Manager through ssmmessages (docs/aws-facts.md).
    { service: "ssmmessages", key: "ssmmessages", needed: usesExec, reason: "ECS Exec sessions (enableExecuteCommand)" },
  ];
}

/** The endpoints the config turns off, each with what the stack needs it for when anything does (judged by PG-ENDPOINT-OFF, core/rules/endpoint-off.ts). */
export function endpointsOff(services: readonly ServicePlan[], hasEc2: boolean, ctx: LocationContext): EndpointOff[] {
  return endpointNeeds(services, hasEc2, ctx)
    .filter((need) => ctx.env.endpoints[need.key] === "off")
    .map((need) => ({ key: need.key, ...(need.needed ? { neededFor: need.reason } : {}) }));
}

export function planEndpoints(services: readonly ServicePlan[], hasEc2: boolean, ctx: LocationContext): EndpointPlan[] {
  const needs = endpointNeeds(services, hasEc2, ctx);
  const restrict = ctx.env.endpoints.restrictToAccount;
  const cacheImports = services.some((s) => s.containers.some((c) => c.image.route === "pull-through-cache"));
  const plans: EndpointPlan[] = [];
  for (const need of needs) {
    const setting: EndpointSetting = ctx.env.endpoints[need.key];
    if (setting === "off") continue;
    if (setting === "auto" && !need.needed) continue;
    const type = need.service === "s3" ? "Gateway" : "Interface";
    const policy = !restrict ? undefined : need.service === "s3" ? s3EndpointPolicy(ctx.account, ctx.region) : need.service.startsWith("ecr.") ? ecrEndpointPolicy(ctx.account, ctx.region, cacheImports, ctx.images.cacheRules) : undefined;
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
