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
  const groups = new Map<string, Draft[]>();
  for (const env of environments) {
    const key = `${env.region}/${env.vpc.id}`;
    groups.set(key, [...(groups.get(key) ?? []), env]);
  }
  const replaced = new Map<string, Draft>();
  const ownerOf = new Map<string, string>(); // stack -> owner stack
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const sorted = [...members].sort((a, b) => byCodePoint(a.stackName, b.stackName));
    const owner = sorted[0]!;
    for (const other of sorted.slice(1)) {
      if (other.vpc.cidr !== owner.vpc.cidr) {
        log.report(catalogue.sharedVpcCidr, `environments.${other.environment}.regions.${other.region}.vpc.cidr`, `is ${other.vpc.cidr}, but environments.${owner.environment} declares the same VPC ${owner.vpc.id} with ${owner.vpc.cidr}`, other.stackName);
      }
      if (other.account !== owner.account) {
        log.report(catalogue.sharedVpcAccount, `environments.${other.environment}.regions.${other.region}.vpc.id`, `is also used by environments.${owner.environment} in account ${owner.account}; a VPC shared across accounts (RAM) has its endpoints in the owner account: set them as existingId in the other account`, other.stackName);
      }
    }
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
