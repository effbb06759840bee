import { parseArn } from "../../facts/arn";
import { ecrRegistriesIn } from "../../facts/upstream-registries";
import { arnsIn, regionOfArn } from "./arns";
import type { PlanLink, ServiceLink } from "./plan-link";
import { byCodePoint } from "../sort";
import type { ClassifiedEvidence } from "./types";

/**
 * Which config location (environment, Region) a service's evidence belongs to. A fix for the wrong
 * location would be worse than none, so every doubt is a note and no link: a service the config
 * does not have, clusters that match several environments, a service in several Regions that the
 * evidence does not tell apart.
 */
export interface Location {
  readonly link?: ServiceLink;
  readonly notes: readonly string[];
}

export function clustersOf(items: readonly ClassifiedEvidence[]): string[] {
  return [...new Set(items.flatMap((i) => (i.evidence.cluster !== undefined ? [i.evidence.cluster] : [])))].sort(byCodePoint);
}

const list = (names: readonly string[]): string => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);

/**
 * The environment the evidence's clusters name: pullguard's own cluster name for an environment
 * (or the existingClusterName it adopts), else a cluster named exactly like an environment.
 */
export function environmentOfClusters(link: PlanLink, clusters: readonly string[]): { environment?: string; note?: string } {
  const environments = new Set<string>();
  for (const cluster of clusters) {
    const named = link.locations.filter((l) => l.clusterName === cluster).map((l) => l.environment);
    for (const e of named.length > 0 ? named : link.locations.some((l) => l.environment === cluster) ? [cluster] : []) environments.add(e);
  }
  const found = [...environments].sort(byCodePoint);
  if (found.length === 1) return { environment: found[0] };
  if (found.length > 1) return { note: `the evidence names cluster${clusters.length === 1 ? "" : "s"} ${list(clusters)}, which match${clusters.length === 1 ? "es" : ""} environments ${list(found)}: pass --environment to link the fixes` };
  return {};
}

/**
 * Regions the evidence names, most trustworthy first: where the task or service ran (ARNs,
 * CloudTrail's awsRegion), then registry hosts in messages (an image may come from another Region).
 */
function regionsOf(items: readonly ClassifiedEvidence[]): Set<string>[] {
  const ran = new Set<string>();
  const mentioned = new Set<string>();
  for (const { evidence: e } of items) {
    const region = e.region ?? regionOfArn(e.taskArn);
    if (region) ran.add(region);
    for (const arn of arnsIn(e.text).map(parseArn)) if (arn?.service === "ecs" && arn.region) mentioned.add(arn.region);
    for (const registry of ecrRegistriesIn(e.text)) mentioned.add(registry.region);
  }
  return [ran, mentioned];
}

/**
 * The config location of a service, from --environment, else the clusters in the evidence. The
 * cause's own evidence decides first, then the whole window's.
 */
export function locate(link: PlanLink | undefined, environmentFlag: string | undefined, service: string | undefined, evidence: readonly (readonly ClassifiedEvidence[])[]): Location {
  if (!link || service === undefined) return { notes: [] };
  const clusters = clustersOf(evidence.flat());
  const anywhere = link.services(service);
  if (anywhere.length === 0) return { notes: [`service ${service}${clusters.length > 0 ? ` (cluster ${list(clusters)})` : ""} is not in the config: its causes are shown without a fix`] };
  const notes: string[] = [];
  let environment = environmentFlag;
  let inferred = false;
  if (environment === undefined && clusters.length > 0) {
    const fromClusters = environmentOfClusters(link, clusters);
    if (fromClusters.note && new Set(anywhere.map((l) => l.environment)).size > 1) return { notes: [fromClusters.note] };
    if (fromClusters.environment !== undefined) {
      if (!anywhere.some((l) => l.environment === fromClusters.environment)) return { notes: [`cluster ${list(clusters)} is environment ${fromClusters.environment}, which has no service ${service}: its causes are shown without a fix`] };
      inferred = new Set(anywhere.map((l) => l.environment)).size > 1;
      environment = fromClusters.environment;
    }
  }
  let links = link.services(service, environment);
  const byCluster = links.filter((l) => clusters.includes(l.clusterName));
  if (links.length > 1 && byCluster.length > 0) links = byCluster;
  if (inferred) notes.push(`environment ${environment} from cluster ${list(clusters)} in the evidence`);
  if (links.length <= 1) return { ...(links[0] ? { link: links[0] } : {}), notes };
  const environments = [...new Set(links.map((l) => l.environment))].sort(byCodePoint);
  if (environments.length > 1) return { notes: [...notes, `service ${service} is in environments ${list(environments)} and the evidence names no cluster of one: pass --environment to link the fixes`] };
  for (const items of evidence) {
    for (const regions of regionsOf(items)) {
      const inRegion = links.filter((l) => regions.has(l.region));
      if (inRegion.length === 1) return { link: inRegion[0], notes };
    }
  }
  const regions = links.map((l) => l.region).sort(byCodePoint);
  return { notes: [...notes, `service ${service} runs in ${list(regions)} of ${environments[0]} and the evidence names neither Region: its causes are shown without a fix`] };
}
