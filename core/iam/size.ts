import type { PolicyDocument } from "../model/policy-types";
import type { EnvironmentPlan, RegistryPlan, ServicePlan } from "../model/plan-types";

/**
 * Size limits of every policy document pullguard builds (docs/aws-facts.md, "Policy sizes"). IAM
 * refuses them only at apply time, after other resources of the stack changed; PG-POLICY-SIZE
 * (core/rules/policy-size.ts) makes them an error at the config path that grew the document,
 * naming its largest statement.
 */

/** Role inline policies, all of one role together, in characters without white space (IAM). */
export const ROLE_INLINE_POLICIES_MAX = 10_240;
/** Role trust policy, without white space: the default quota (adjustable in Service Quotas). */
export const ROLE_TRUST_POLICY_MAX = 2_048;
/** Managed policy, without white space. pullguard creates none: attached ARNs are the user's own. */
export const MANAGED_POLICY_MAX = 6_144;
/** ECR registry policy text (PutRegistryPolicy), white space included. */
export const ECR_REGISTRY_POLICY_MAX = 10_240;
/** VPC endpoint policy, white space included. */
export const VPC_ENDPOINT_POLICY_MAX = 20_480;

/** The document as modules/json-document.ts renders it: compact JSON. */
function rendered(document: unknown): string {
  return JSON.stringify(document);
}

/** What IAM counts: characters other than white space (policies hold U+0009-U+00FF only). */
export function iamPolicyCharacters(document: unknown): number {
  return rendered(document).replace(/\s/g, "").length;
}

/** What ECR and VPC count: every character, white space included. */
export function policyTextCharacters(document: unknown): number {
  return rendered(document).length;
}

interface Limit {
  readonly what: string;
  readonly max: number;
  readonly count: (document: unknown) => number;
  readonly counting: string;
}

const ROLE_INLINE: Limit = { what: "inline policy", max: ROLE_INLINE_POLICIES_MAX, count: iamPolicyCharacters, counting: "IAM allows 10240 for all inline policies of a role, not counting white space" };
const ROLE_TRUST: Limit = { what: "trust policy", max: ROLE_TRUST_POLICY_MAX, count: iamPolicyCharacters, counting: "IAM allows 2048 by default, not counting white space" };
const REGISTRY: Limit = { what: "registry policy", max: ECR_REGISTRY_POLICY_MAX, count: policyTextCharacters, counting: "ECR allows 10240" };
const ENDPOINT: Limit = { what: "endpoint policy", max: VPC_ENDPOINT_POLICY_MAX, count: policyTextCharacters, counting: "a VPC endpoint policy may have 20480, white space included" };

/** The index and size of the document's largest statement, for the message and the path. */
function largestStatement(document: PolicyDocument, limit: Limit): { index: number; sid: string; size: number } {
  let best = { index: 0, sid: document.Statement[0]?.Sid ?? "Statement 1", size: -1 };
  document.Statement.forEach((statement, index) => {
    const size = limit.count(statement);
    if (size > best.size) best = { index, sid: statement.Sid ?? `statement ${index + 1}`, size };
  });
  return best;
}

/** A document over its limit: the config path that grew it, the sentence, and the stack it belongs to. */
export interface PolicyOverLimit {
  readonly path: string;
  readonly message: string;
  readonly stack: string;
}

type Found = PolicyOverLimit[];

function check(found: Found, stack: string, owner: string, document: PolicyDocument | undefined, limit: Limit, pathOf: (largest: { index: number; sid: string }) => string, advice: string): void {
  if (!document) return;
  const size = limit.count(document);
  if (size <= limit.max) return;
  const largest = largestStatement(document, limit);
  found.push({ path: pathOf(largest), message: `makes the ${limit.what} of ${owner} ${size} characters; ${limit.counting}. Its largest statement is ${largest.sid} (${largest.size} characters): ${advice}`, stack });
}

const SPLIT = "split the grants (wildcards in resource ARNs, fewer resources per role) or attach a managed policy you own";

/** Execution role statements by the service field that adds to them. */
const EXECUTION_FIELD: Readonly<Record<string, string>> = {
  ReadContainerSecrets: "secrets",
  ReadContainerParameters: "secrets",
  DecryptContainerSecrets: "secretsKmsKeyArns",
  PullImages: "image",
  ImportThroughPullThroughCache: "image",
};

function checkServiceRoles(log: Found, env: EnvironmentPlan, service: ServicePlan): void {
  const role = service.production.taskRole;
  if (role?.mode !== "create") return;
  const owner = `task role ${role.name}`;
  const taskRolePath = `${service.configPath}.taskRole`;
  check(log, env.stackName, owner, role.policy, ROLE_INLINE, ({ index, sid }) =>
    // ECS Exec's statement comes last and from enableExecuteCommand; the others are the config's, in order.
    sid === "EcsExec" && index === (role.policy?.Statement.length ?? 0) - 1 ? `${service.configPath}.enableExecuteCommand` : `${taskRolePath}.statements[${index}]`, SPLIT);
  check(log, env.stackName, owner, role.trustPolicy, ROLE_TRUST, () => taskRolePath, "pullguard writes this trust policy; report it");
}

function checkEnvironment(log: Found, env: EnvironmentPlan): void {
  const envPath = `environments.${env.environment}`;
  for (const role of env.executionRoles) {
    const owner = `execution role ${role.name}`;
    const service = role.services.length === 1 ? env.services.find((s) => s.name === role.services[0]) : undefined;
    const pathOf = ({ sid }: { sid: string }) => (service ? (EXECUTION_FIELD[sid] ? `${service.configPath}.${EXECUTION_FIELD[sid]}` : service.configPath) : `${envPath}.executionRoles`);
    check(log, env.stackName, owner, role.policy, ROLE_INLINE, pathOf, service ? "fewer secrets per service, or secrets under one name prefix" : "use executionRoles: per-service (one role per service)");
    check(log, env.stackName, owner, role.trustPolicy, ROLE_TRUST, pathOf, "pullguard writes this trust policy; report it");
  }
  for (const service of env.services) checkServiceRoles(log, env, service);
  if (env.ec2Capacity) {
    const role = env.ec2Capacity.instanceRole;
    check(log, env.stackName, `instance role ${role.name}`, role.policy, ROLE_INLINE, () => `${envPath}.ec2Capacity`, "fewer image repositories per EC2 environment");
    check(log, env.stackName, `instance role ${role.name}`, role.trustPolicy, ROLE_TRUST, () => `${envPath}.ec2Capacity`, "pullguard writes this trust policy; report it");
  }
  for (const endpoint of env.endpoints) {
    if (endpoint.mode !== "create") continue;
    check(log, env.stackName, `the ${endpoint.service} endpoint`, endpoint.policy, ENDPOINT, () => `${envPath}.endpoints`, "fewer accounts or repositories in the endpoint's scope");
  }
}

/** Sids of the registry policy statements pullguard writes (core/registry/policies.ts, core/images/own-images.ts). */
const PULLGUARD_REGISTRY_SIDS = new Set(["AcceptReplication", "PullThroughCacheFromDownstream"]);

function checkRegistry(log: Found, registry: RegistryPlan): void {
  const registryPath = `accounts.${registry.accountAlias}.registry`;
  const upstream = registry.upstreamRole;
  if (upstream) {
    check(log, registry.stackName, `role ${upstream.name}`, upstream.policy, ROLE_INLINE, () => `${registryPath}.pullThroughCache.ecr`, "fewer upstream registries per registry");
    check(log, registry.stackName, `role ${upstream.name}`, upstream.trustPolicy, ROLE_TRUST, () => `${registryPath}.pullThroughCache.ecr`, "pullguard writes this trust policy; report it");
  }
  const template = registry.templateSettings.customRolePolicies;
  if (template) {
    check(log, registry.stackName, "the repository creation template role", template.policy, ROLE_INLINE, () => `${registryPath}.repositoryTemplates`, "fewer KMS keys or tags");
    check(log, registry.stackName, "the repository creation template role", template.trustPolicy, ROLE_TRUST, () => `${registryPath}.repositoryTemplates`, "pullguard writes this trust policy; report it");
  }
  const policy = registry.registryPolicy;
  // pullguard's own statements (replication into this registry, cache roles reading it) come first, then the config's in order.
  const own = (policy?.Statement ?? []).filter((s) => s.Sid !== undefined && PULLGUARD_REGISTRY_SIDS.has(s.Sid)).length;
  const pathOf = ({ index }: { index: number }) => (index < own ? registryPath : `${registryPath}.registryPolicyStatements[${index - own}]`);
  check(log, registry.stackName, `registry ${registry.account} in ${registry.region}`, policy, REGISTRY, pathOf, "fewer or shorter statements (ECR allows one registry policy per registry)");
}

/** Every policy document of the plan against its limit: the ones over it, in plan order. */
export function policiesOverLimit(plan: { readonly environments: readonly EnvironmentPlan[]; readonly registries: readonly RegistryPlan[] }): PolicyOverLimit[] {
  const found: Found = [];
  for (const env of plan.environments) checkEnvironment(found, env);
  for (const registry of plan.registries) checkRegistry(found, registry);
  return found;
}
