import type { FindingLog } from "../model/findings";
import type { EndpointPlan, EnvironmentDraft as Draft } from "../model/plan-types";
import * as catalogue from "../rules/catalogue";
import { byCodePoint } from "../sort";

/**
 * Endpoints of a VPC that several environments use: private DNS allows one interface endpoint per
 * service per VPC, and a route table can carry one S3 gateway endpoint (aws-facts.md), so exactly one
 * stack (the first by name) creates each endpoint, with the S3 gateway on every sharer's route
 * tables; the others reference it (mode "shared") and are applied after it.
 */
export function shareVpcEndpoints(environments: readonly Draft[], log: FindingLog): { environments: Draft[]; ownerOf: Map<string, string> } {
  const replaced = new Map<string, Draft>();
  const ownerOf = new Map<string, string>(); // stack -> owner stack
  // A sharer's CIDR and account are judged on the plan (core/rules/shared-vpc-cidr.ts, shared-vpc-account.ts).
  for (const sorted of sharedVpcGroups(environments)) {
    const owner = sorted[0]!;
    const services = new Map<string, EndpointPlan>();
    for (const env of sorted) {
      for (const endpoint of env.endpoints) {
        const seen = services.get(endpoint.service);
        if (!seen) services.set(endpoint.service, endpoint);
        else services.set(endpoint.service, combine(seen, endpoint, env, log));
      }
    }
    const ownerEndpoints = [...services.values()].sort((a, b) => order(owner, a) - order(owner, b));
    const routeTables = [...new Set(sorted.flatMap((e) => e.vpc.privateRouteTableIds))].sort();
    replaced.set(owner.stackName, { ...owner, endpoints: ownerEndpoints, vpc: { ...owner.vpc, endpointRouteTableIds: routeTables } });
    for (const other of sorted.slice(1)) {
      ownerOf.set(other.stackName, owner.stackName);
      const endpoints = ownerEndpoints.map((e): EndpointPlan =>
        e.mode === "existing"
          ? e
          : { service: e.service, serviceName: e.serviceName, type: e.type, mode: "shared", ownerStack: owner.stackName, reason: `${e.reason}; created by ${owner.stackName}, which shares VPC ${owner.vpc.id}` },
      );
      replaced.set(other.stackName, { ...other, endpoints, vpc: { ...other.vpc, endpointRouteTableIds: [] } });
    }
  }
  return { environments: environments.map((e) => replaced.get(e.stackName) ?? e), ownerOf };
}

/** What grouping needs of an environment: where it runs and its stack's name. */
export interface VpcUser {
  readonly stackName: string;
  readonly region: string;
  readonly vpc: { readonly id: string };
}

/**
 * The environments of each VPC that several use (one Region, one VPC id), each group sorted by
 * stack name: the first owns the VPC's endpoints. In the order the groups' first members come.
 */
export function sharedVpcGroups<T extends VpcUser>(environments: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const env of environments) {
    const key = `${env.region}/${env.vpc.id}`;
    groups.set(key, [...(groups.get(key) ?? []), env]);
  }
  return [...groups.values()].filter((members) => members.length >= 2).map((members) => [...members].sort((a, b) => byCodePoint(a.stackName, b.stackName)));
}

function order(env: Draft, endpoint: EndpointPlan): number {
  const index = env.endpoints.findIndex((e) => e.service === endpoint.service);
  return index === -1 ? 100 + endpoint.service.charCodeAt(0) : index;
}

/** Existing wins (one id per VPC); an unrestricted endpoint wins over a restricted one, so no sharer is blocked. */
function combine(a: EndpointPlan, b: EndpointPlan, env: Draft, log: FindingLog): EndpointPlan {
  if (a.mode === "existing" || b.mode === "existing") {
    if (a.mode === "existing" && b.mode === "existing" && a.existingId !== b.existingId) {
      log.report(catalogue.sharedVpcEndpoint, `environments.${env.environment}.regions.${env.region}.endpoints`, `names ${b.existingId} for ${b.service}, but another environment in VPC ${env.vpc.id} names ${a.existingId}; a VPC has one ${b.service} endpoint`, env.stackName);
    }
    return a.mode === "existing" ? a : b;
  }
  if (!a.policy || !b.policy) {
    const { policy: _dropped, ...rest } = a;
    return rest;
  }
  return JSON.stringify(b.policy).length > JSON.stringify(a.policy).length ? b : a;
}
