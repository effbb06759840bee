import { arn } from "../../facts/arn";
import { ECR_CACHE_IMPORT_ACTIONS, ECR_PULL_ACTIONS } from "../../facts/ecr";
import type { ServiceConfig } from "../../config/schema";
import { logGroupArn, policyDocument, sortedUnique } from "./policy";
import type { PolicyDocument, PolicyStatement } from "../model/policy-types";
import { executionRoleName } from "../locations/naming";
import type { ContainerPlan, ExecutionRolePlan, ServicePlan } from "../model/plan-types";
import type { LocationContext } from "../model/location-context";

/** The task execution roles: trust, image pulls, logs, secrets and their KMS keys. */

/** Every secret or parameter ARN the task's containers reference: container secrets and repositoryCredentials. */
export function referencedSecretArns(containers: readonly ContainerPlan[]): string[] {
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
  const cached = ecrImages.filter((i) => i.route === "pull-through-cache");
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

/** Within IAM's 64 characters by construction (core/locations/naming.ts shortens with a hash). */
export function roleNameFor(serviceName: string, ctx: LocationContext): string {
  return executionRoleName(ctx.project, ctx.stackName, ctx.env.executionRoles === "shared" ? undefined : serviceName);
}
