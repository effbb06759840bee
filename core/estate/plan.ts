import type { PlatformConfig } from "../../config/schema";
import { DeployGraph, wantedDependencies } from "./deploy-order";
import type { FindingLog } from "../model/findings";
import type { PolicyStatement } from "../model/policy-types";
import { upstreamGrantStatement, type UpstreamRolePlan } from "../images/own-images";
import type { AccountAccessPlan, AdoptionLine, EnvironmentDraft, EnvironmentPlan, ExistingSingletons, ImportPlan, RegistryDraft, RegistryPlan } from "../model/plan-types";
import { registryPolicyDocument } from "../registry/policies";
import { registryKey } from "../registry/key";
import { shareVpcEndpoints } from "./shared-vpc";
import * as catalogue from "../rules/catalogue";
import { byCodePoint } from "../sort";

export interface EstateInputs {
  readonly config: PlatformConfig;
  readonly environments: readonly EnvironmentDraft[];
  readonly registries: readonly RegistryDraft[];
  /** Cache roles by cluster registry key (account/region). */
  readonly upstreamRoles: ReadonlyMap<string, UpstreamRolePlan>;
  readonly log: FindingLog;
}


export function accessFor(config: PlatformConfig, alias: string): AccountAccessPlan {
  const account = Object.prototype.hasOwnProperty.call(config.accounts, alias) ? config.accounts[alias] : undefined;
  if (!account) return {};
  return {
    ...(account.profile !== undefined ? { profile: account.profile } : {}),
    ...(account.assumeRole
      ? { assumeRole: { roleArn: account.assumeRole.roleArn, sessionName: account.assumeRole.sessionName, ...(account.assumeRole.externalId !== undefined ? { externalId: account.assumeRole.externalId } : {}) } }
      : {}),
  };
}

/**
 * The cross-stack parts of the plan: endpoints owned once per shared VPC, registry policies that
 * grant other accounts' cache roles, import blocks for existing singletons, the apply order, and
 * the list of what a first apply adopts, imports or replaces.
 */
export function finishEstate(inputs: EstateInputs): { environments: EnvironmentPlan[]; registries: RegistryPlan[]; deployOrder: string[][]; adoption: AdoptionLine[] } {
  const { config, log } = inputs;
  const shared = shareVpcEndpoints(inputs.environments, log);
  const aliasById = new Map(Object.entries(config.accounts).map(([alias, a]) => [a.id, alias]));
  const registryByKey = new Map(inputs.registries.map((r) => [registryKey(r), r]));

  // Upstream registries grant the cache roles of other accounts that read them.
  const grants = new Map<string, string[]>();
  for (const registry of inputs.registries) {
    for (const rule of registry.cacheRules) {
      if (rule.kind !== "ecr" || rule.upstreamAccount === registry.account || !rule.customRoleArn) continue;
      const upstream = registryKey({ account: rule.upstreamAccount!, region: rule.upstreamRegion! });
      if (!registryByKey.has(upstream) || !aliasById.has(rule.upstreamAccount!)) continue;
      grants.set(upstream, [...(grants.get(upstream) ?? []), rule.customRoleArn]);
    }
  }

  const adoption: AdoptionLine[] = [];
  const registries: RegistryPlan[] = inputs.registries.map((draft) => {
    const key = registryKey(draft);
    const alias = draft.accountAlias;
    const registryConfig = Object.prototype.hasOwnProperty.call(config.accounts, alias) ? config.accounts[alias]!.registry : undefined;
    const statements: PolicyStatement[] = [];
    const roleArns = grants.get(key);
    if (roleArns) statements.push(upstreamGrantStatement({ account: draft.account, region: draft.region }, roleArns));
    // Their Sids are judged on the plan (PG-REGISTRY-POLICY-SID, core/rules/registry-policy-sid.ts).
    const configured = (registryConfig?.registryPolicyStatements ?? []) as readonly PolicyStatement[];
    statements.push(...configured);
    const registryPolicy = registryPolicyDocument(draft, draft.replicationSourceAccounts, statements, draft.cacheRules);
    const existing = registryConfig && Object.prototype.hasOwnProperty.call(registryConfig.existing, draft.region) ? registryConfig.existing[draft.region] : undefined;
    const imports = planImports(draft, existing, registryPolicy !== undefined);
    // The replace lines are also synth annotations on the stack (PG-FIRST-APPLY-REPLACES, core/rules/first-apply-replaces.ts).
    for (const i of imports) adoption.push(...adoptionOf(draft, i));
    const role = inputs.upstreamRoles.get(key);
    return {
      ...draft,
      access: accessFor(config, alias),
      dependsOn: [],
      ...(role ? { upstreamRole: role } : {}),
      policyStatements: statements,
      ...(registryPolicy ? { registryPolicy } : {}),
      imports,
      ...(existing ? { existing } : {}),
      configuredPolicyStatements: configured.length,
    };
  });

  // An `existing` entry for a Region where the account has no registry stack would be ignored silently.
  for (const [alias, account] of Object.entries(config.accounts)) {
    for (const region of Object.keys(account.registry?.existing ?? {})) {
      if (!registryByKey.has(registryKey({ account: account.id, region }))) {
        log.report(catalogue.existingRegion, `accounts.${alias}.registry.existing.${region}`, `names a Region where account ${alias} has no registry stack (registries: ${inputs.registries.filter((r) => r.account === account.id).map((r) => r.region).join(", ") || "none"})`);
      }
    }
  }

  for (const env of shared.environments) {
    for (const e of env.endpoints) {
      if (e.mode === "existing") adoption.push({ action: "adopt", stack: env.stackName, what: `VPC endpoint ${e.existingId} (${e.serviceName}) is used, not created` });
      if (e.mode === "shared") adoption.push({ action: "adopt", stack: env.stackName, what: `${e.serviceName} endpoint of VPC ${env.vpc.id} is created by ${e.ownerStack}` });
    }
    if (!env.createCluster) adoption.push({ action: "adopt", stack: env.stackName, what: `existing ECS cluster ${env.clusterName} runs the services (not created, not changed)` });
  }

  // Apply order (a dependency that would close a cycle is left out: PG-DEPLOY-ORDER warns of it).
  const graph = new DeployGraph([...registries.map((r) => r.stackName), ...shared.environments.map((e) => e.stackName)]);
  for (const { stack, dependency } of wantedDependencies(registries, shared.environments)) graph.add(stack, dependency);
  const withDeps = <T extends { stackName: string }>(plan: T) => ({ ...plan, dependsOn: graph.dependenciesOf(plan.stackName) });
  const environments: EnvironmentPlan[] = shared.environments.map((e) => withDeps({ ...e, access: accessFor(config, e.accountAlias) }));
  return { environments, registries: registries.map(withDeps), deployOrder: graph.waves(), adoption: adoption.sort(byAdoption) };
}

/** Import blocks for the existing singletons pullguard manages; the ones it cannot import are judged on the plan (core/rules/existing-unmanaged.ts and its siblings). */
function planImports(draft: RegistryDraft, existing: ExistingSingletons | undefined, managesPolicy: boolean): ImportPlan[] {
  if (!existing) return [];
  const imports: ImportPlan[] = [];
  // The three registry singletons import by registry id, which is the account id.
  if (existing.replicationConfiguration && draft.replicationRules.length > 0) imports.push({ target: "replication", id: draft.account });
  if (existing.registryPolicy && managesPolicy) imports.push({ target: "registry-policy", id: draft.account });
  if (existing.scanning && draft.scanning) imports.push({ target: "scanning", id: draft.account });
  for (const prefix of existing.pullThroughCacheRules) {
    if (draft.cacheRules.some((r) => r.prefix === prefix)) imports.push({ target: "cache-rule", prefix, id: prefix });
  }
  for (const [prefix, arn] of Object.entries(existing.credentialSecrets)) {
    // A secret in another account or Region is still imported (the import then fails): the rule says why first.
    if (draft.cacheRules.find((r) => r.prefix === prefix)?.credential?.source === "create") imports.push({ target: "credential-secret", prefix, id: arn });
  }
  return imports;
}

function adoptionOf(draft: RegistryDraft, i: ImportPlan): AdoptionLine[] {
  const stack = draft.stackName;
  switch (i.target) {
    case "replication":
      return [
        { action: "import", stack, what: `replication configuration of registry ${draft.account}` },
        { action: "replace", stack, what: `its replication rules become pullguard's ${draft.replicationRules.length} rule(s)` },
      ];
    case "registry-policy":
      return [
        { action: "import", stack, what: `registry policy of ${draft.account}` },
        { action: "replace", stack, what: "the registry policy becomes pullguard's statements plus registryPolicyStatements (statements not listed there are dropped)" },
      ];
    case "scanning":
      return [
        { action: "import", stack, what: "registry scanning configuration" },
        { action: "replace", stack, what: `scanning becomes ${draft.scanning!.type} ${draft.scanning!.frequency} for every repository` },
      ];
    case "cache-rule":
      return [{ action: "import", stack, what: `pull-through cache rule ${i.prefix} (replaced if its upstream, credential or role differs)` }];
    case "credential-secret":
      return [{ action: "import", stack, what: `credential secret ${i.id} (value untouched unless the credential is apply-time)` }];
  }
}

function byAdoption(a: AdoptionLine, b: AdoptionLine): number {
  const ka = `${a.stack}|${a.action}|${a.what}`;
  const kb = `${b.stack}|${b.action}|${b.what}`;
  return byCodePoint(ka, kb);
}

