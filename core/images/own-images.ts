import { accountRootArn, iamRoleArn, parseArn } from "../../facts/arn";
import { ECR_PULL_ACTIONS, ecrRegistryHost, ecrRepositoryArn } from "../../facts/ecr";
import type { EnvironmentConfig, PlatformConfig } from "../../config/schema";
import { policyDocument, sortedUnique } from "../iam/policy";
import type { PolicyDocument, PolicyStatement } from "../model/policy-types";
import { parseImageReference } from "./reference";
import { classifyRegistry } from "../../facts/upstream-registries";
import { upstreamRoleName } from "../locations/naming";
import type { CacheRulePlan, RegistryRef } from "../model/plan-types";
import { registryKey } from "../registry/key";
import { byCodePoint } from "../sort";

/**
 * The team's own images pushed to another registry (Region or account) declared in config. By
 * default the cluster's registry gets an ECR-to-ECR pull-through cache rule for that upstream: it
 * fetches on demand, so an image pushed before the first deploy is there (replication copies only
 * later pushes, aws-facts.md "Replication"). `ownImages: replication` keeps the replication path.
 */

/** What the ECR-to-ECR rule's role may read upstream: what a pull does (AWS ECR user guide, "Setting up permissions for cross-account ECR to ECR PTC"). */
const UPSTREAM_READ_ACTIONS = ECR_PULL_ACTIONS;
const CACHE_WRITE_ACTIONS = ["ecr:BatchImportUpstreamImage", "ecr:CompleteLayerUpload", "ecr:GetImageCopyStatus", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"] as const;

export interface ClusterLocation {
  readonly environment: string;
  readonly accountAlias: string;
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  readonly env: EnvironmentConfig;
}

export interface UpstreamRolePlan {
  readonly name: string;
  readonly arn: string;
  readonly trustPolicy: PolicyDocument;
  readonly policy: PolicyDocument;
}

/** The prefix a derived rule caches under: `<account>-<region>`, at most 27 of the 30 characters ECR allows. */
export function ownImagePrefix(upstream: RegistryRef): string {
  return `${upstream.account}-${upstream.region}`;
}



/** Every (cluster registry -> upstream registry of ours) pair that the services' images need. */
export function ownImageUpstreams(config: PlatformConfig, locations: readonly ClusterLocation[], declaredAccounts: ReadonlySet<string>): Map<string, RegistryRef[]> {
  const needs = new Map<string, Map<string, RegistryRef>>();
  for (const location of locations) {
    const account = Object.prototype.hasOwnProperty.call(config.accounts, location.accountAlias) ? config.accounts[location.accountAlias] : undefined;
    const mode = account?.registry?.ownImages ?? "pull-through-cache";
    if (mode !== "pull-through-cache") continue;
    const images = Object.values(location.env.services).flatMap((s) => [s, ...Object.values(s.sidecars)]).filter((c) => !c.pullDirect).map((c) => c.image);
    for (const image of images) {
      const parsed = parseImageReference(image);
      if (!parsed.ok) continue;
      const registry = classifyRegistry(parsed.ref.registry);
      if (registry.kind !== "ecr" || !declaredAccounts.has(registry.account)) continue;
      if (registry.account === location.account && registry.region === location.region) continue;
      const target = registryKey(location);
      const upstreams = needs.get(target) ?? new Map<string, RegistryRef>();
      upstreams.set(registryKey(registry), { account: registry.account, region: registry.region });
      needs.set(target, upstreams);
    }
  }
  return new Map([...needs.entries()].map(([target, upstreams]) => [target, [...upstreams.values()].sort((a, b) => byCodePoint(registryKey(a), registryKey(b)))]));
}

/**
 * Cache rules for the team's own upstream registries, skipping any upstream an explicit
 * `pullThroughCache.ecr` rule already covers. Cross-account rules need a role in the cluster's
 * account; same-account rules use ECR's service-linked role.
 */
export function derivedOwnImageRules(target: RegistryRef & { alias: string }, upstreams: readonly RegistryRef[], explicit: readonly CacheRulePlan[], project: string): { rules: CacheRulePlan[]; role?: UpstreamRolePlan } {
  const covered = new Set(explicit.filter((r) => r.kind === "ecr" && r.upstreamRepositoryPrefix === undefined).map((r) => registryKey({ account: r.upstreamAccount!, region: r.upstreamRegion! })));
  const missing = upstreams.filter((u) => !covered.has(registryKey(u)));
  const crossAccount = missing.filter((u) => u.account !== target.account);
  const roleName = upstreamRoleName(project, target.region);
  const roleArn = iamRoleArn(target.account, target.region, roleName);
  const rules: CacheRulePlan[] = missing.map((u) => ({
    kind: "ecr",
    prefix: ownImagePrefix(u),
    upstreamAccount: u.account,
    upstreamRegion: u.region,
    upstreamRegistryUrl: ecrRegistryHost(u.account, u.region),
    ...(u.account !== target.account ? { customRoleArn: roleArn } : {}),
    configPath: `accounts.${target.alias}.registry.ownImages`,
  }));
  if (crossAccount.length === 0) return { rules };
  const statements: PolicyStatement[] = [
    { Sid: "AuthenticateToUpstreams", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
    { Sid: "ReadUpstreamImages", Effect: "Allow", Action: [...UPSTREAM_READ_ACTIONS], Resource: sortedUnique(crossAccount.map((u) => ecrRepositoryArn(u.region, u.account, "*"))) },
    {
      Sid: "WriteCachedImages",
      Effect: "Allow",
      Action: [...CACHE_WRITE_ACTIONS],
      Resource: sortedUnique(crossAccount.map((u) => ecrRepositoryArn(target.region, target.account, `${ownImagePrefix(u)}/*`))),
    },
  ];
  return {
    rules,
    role: {
      name: roleName,
      arn: roleArn,
      trustPolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: "pullthroughcache.ecr.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": target.account } },
        },
      ]),
      policy: policyDocument(statements),
    },
  };
}

/** The statement an upstream registry's policy needs so a downstream account's cache role can read it (registry policy scope V2). */
export function upstreamGrantStatement(upstream: RegistryRef, roleArns: readonly string[]): PolicyStatement {
  const accounts = sortedUnique(roleArns.map((role) => accountRootArn(parseArn(role)!.account, upstream.region)));
  return {
    Sid: "PullThroughCacheFromDownstream",
    Effect: "Allow",
    // The account as principal and the role as a condition: the policy applies before the role exists.
    Principal: { AWS: accounts },
    Action: [...UPSTREAM_READ_ACTIONS],
    Resource: ecrRepositoryArn(upstream.region, upstream.account, "*"),
    Condition: { ArnEquals: { "aws:PrincipalArn": sortedUnique(roleArns) } },
  };
}
