import type { EnvironmentPlan, RegistryPlan, RegistryRef } from "../model/plan-types";
import { registryKey } from "../registry/key";
import { byCodePoint } from "../sort";
import { sharedVpcGroups } from "./shared-vpc";

/**
 * Apply order across accounts and Regions: a stack waits for the stacks it depends on (registry
 * stacks before the environments that pull through them, the owner of a shared VPC's endpoints
 * before the other environments in it). Edges that would close a cycle are dropped (PG-DEPLOY-ORDER
 * warns of each, core/rules/deploy-order.ts): two registries that replicate into each other can be
 * applied in either order.
 */
export class DeployGraph {
  private readonly edges = new Map<string, Set<string>>();

  constructor(stacks: readonly string[]) {
    for (const stack of stacks) this.edges.set(stack, new Set());
  }

  /** Records "stack after dependency"; returns false (and records nothing) when that would close a cycle. */
  add(stack: string, dependency: string): boolean {
    if (stack === dependency || !this.edges.has(stack) || !this.edges.has(dependency)) return false;
    if (this.reaches(dependency, stack)) return false;
    this.edges.get(stack)!.add(dependency);
    return true;
  }

  dependenciesOf(stack: string): string[] {
    return [...(this.edges.get(stack) ?? [])].sort(byCodePoint);
  }

  /** Waves: every stack of a wave depends only on stacks of earlier waves; each wave sorted by name. */
  waves(): string[][] {
    const done = new Set<string>();
    const waves: string[][] = [];
    while (done.size < this.edges.size) {
      const wave = [...this.edges.keys()].filter((s) => !done.has(s) && [...this.edges.get(s)!].every((d) => done.has(d))).sort(byCodePoint);
      if (wave.length === 0) break; // unreachable: add() refuses cycles
      for (const s of wave) done.add(s);
      waves.push(wave);
    }
    return waves;
  }

  private reaches(from: string, to: string): boolean {
    const stack = [from];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const current = stack.pop()!;
      if (current === to) return true;
      if (seen.has(current)) continue;
      seen.add(current);
      for (const next of this.edges.get(current) ?? []) stack.push(next);
    }
    return false;
  }
}

/** One "apply stack after dependency" the estate wants, with why and the config path that causes it. */
export interface WantedDependency {
  readonly stack: string;
  readonly dependency: string;
  readonly why: string;
  readonly path: string;
}

type OrderedRegistry = Pick<RegistryPlan, "stackName" | "accountAlias" | "account" | "cacheRules" | "replicationRules"> & RegistryRef;
type OrderedEnvironment = Pick<EnvironmentPlan, "stackName" | "registryStackName" | "environment" | "region" | "vpc">;

/**
 * Every dependency between stacks, in the order the graph takes them (an edge that would close a
 * cycle is refused, so the order decides which): registries before the environments pulling through
 * them, a shared VPC's endpoint owner before the other environments in it, then cross-account
 * upstream registries and replication destinations before the registries that depend on their
 * policies. The graph and PG-DEPLOY-ORDER (core/rules/deploy-order.ts) both read it.
 */
export function wantedDependencies(registries: readonly OrderedRegistry[], environments: readonly OrderedEnvironment[]): WantedDependency[] {
  const wanted: WantedDependency[] = [];
  const ownerOf = new Map(sharedVpcGroups(environments).flatMap(([owner, ...others]) => others.map((o) => [o.stackName, owner!.stackName] as const)));
  for (const env of environments) {
    wanted.push({ stack: env.stackName, dependency: env.registryStackName, why: "its images come through that registry's cache rules", path: `environments.${env.environment}` });
    const owner = ownerOf.get(env.stackName);
    if (owner) wanted.push({ stack: env.stackName, dependency: owner, why: `that stack creates the endpoints of VPC ${env.vpc.id}`, path: `environments.${env.environment}.regions.${env.region}.vpc.id` });
  }
  const registryByKey = new Map(registries.map((r) => [registryKey(r), r]));
  for (const registry of registries) {
    const path = `accounts.${registry.accountAlias}.registry`;
    for (const rule of registry.cacheRules) {
      const upstream = rule.kind === "ecr" ? registryByKey.get(registryKey({ account: rule.upstreamAccount!, region: rule.upstreamRegion! })) : undefined;
      // Only a cross-account upstream must be first: its registry policy grants this account's cache role.
      if (upstream && upstream.account !== registry.account) wanted.push({ stack: registry.stackName, dependency: upstream.stackName, why: `its cache rule ${rule.prefix} reads that registry, whose policy grants it`, path: rule.configPath });
    }
    for (const destination of registry.replicationRules.flatMap((r) => r.destinations)) {
      const target = registryByKey.get(registryKey(destination));
      if (target) wanted.push({ stack: registry.stackName, dependency: target.stackName, why: "it replicates into that registry, whose policy and templates must exist first", path: `${path}.replicationRules` });
    }
  }
  return wanted;
}
