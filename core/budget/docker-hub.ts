/**
 * Direct Docker Hub pulls against Docker Hub's 6-hour limits: a different unit from the ECR
 * quotas (pulls per rollout, not calls per second) and a different pool (egress IPs or a Docker
 * account, not an AWS account and Region), so it is modelled on its own. Every task replaced in a
 * full rollout pulls, and the whole rollout is assumed to fit in one 6-hour window
 * (docs/aws-facts.md, "Docker Hub limits"). Pure: no cdktf, no I/O.
 */
import { DOCKER_HUB_PULLS_PER_WINDOW } from "./quotas";
import { rolloutPullers, serviceLabel, type PullProfileWithoutPercents, type PullShape } from "./profile";
import type { DockerHubAuth, DockerHubUse, ImagePull } from "../model/budget-types";

const DOCKER_HUB_AUTHS: readonly DockerHubAuth[] = ["anonymous", "personal", "paid"];

const NO_DOCKER_HUB: readonly DockerHubUse[] = Object.freeze([]);

function dockerHubLimit(auth: DockerHubAuth, natPublicIps: number): number | null {
  const perUnit = DOCKER_HUB_PULLS_PER_WINDOW[auth];
  if (perUnit === null) return null;
  // Anonymous limits are per egress IP; authenticated ones per Docker account.
  return auth === "anonymous" ? perUnit * natPublicIps : perUnit;
}

function dockerHubUse(auth: DockerHubAuth, images: number, pulls: number, limit: number | null): DockerHubUse {
  return { auth, images, pullsPerRollout: pulls, windowLimit: limit, share: limit === null ? 0 : pulls / limit };
}

/** Docker Hub pools of one service; allocation-free when it pulls nothing from Docker Hub directly. */
export function dockerHubOf(p: PullProfileWithoutPercents, shape: PullShape): readonly DockerHubUse[] {
  let anonymous = 0;
  let personal = 0;
  let paid = 0;
  for (let i = 0; i < p.images.length; i++) {
    const img = p.images[i];
    if (img.source !== "docker-hub-direct") continue;
    const auth = img.dockerHubAuth ?? "anonymous";
    if (auth === "anonymous") anonymous++;
    else if (auth === "personal") personal++;
    else paid++;
  }
  if (anonymous + personal + paid === 0) return NO_DOCKER_HUB;
  if (!Number.isSafeInteger(p.natPublicIps) || p.natPublicIps < 1) {
    throw new RangeError(`${serviceLabel(p)}: natPublicIps must be a positive integer, got ${p.natPublicIps}`);
  }
  const pullers = rolloutPullers(p, shape);
  const counts = [anonymous, personal, paid];
  const out: DockerHubUse[] = [];
  for (let i = 0; i < DOCKER_HUB_AUTHS.length; i++) {
    if (counts[i] === 0) continue;
    const auth = DOCKER_HUB_AUTHS[i];
    out.push(dockerHubUse(auth, counts[i], pullers * counts[i], dockerHubLimit(auth, p.natPublicIps)));
  }
  return out;
}

/** Highest share among the pools (compare with 1 = the 6-hour limit); 0 when none. */
export function maxDockerHubShare(uses: readonly DockerHubUse[]): number {
  let max = 0;
  for (let i = 0; i < uses.length; i++) if (uses[i].share > max) max = uses[i].share;
  return max;
}

/**
 * The pools of services rolling together, assuming they share egress IPs and Docker credentials
 * (one VPC's NAT gateways, one pull-through cache or pull secret). The anonymous limit uses the
 * largest natPublicIps among the services that pull anonymously.
 */
export function pooledDockerHub(
  services: readonly { readonly dockerHub: readonly DockerHubUse[]; readonly profile: { readonly natPublicIps: number } }[],
): readonly DockerHubUse[] {
  let anonymousPulls = 0;
  let anonymousImages = 0;
  let anonymousIps = 0;
  let personalPulls = 0;
  let personalImages = 0;
  let paidPulls = 0;
  let paidImages = 0;
  for (let i = 0; i < services.length; i++) {
    const pools = services[i].dockerHub;
    for (let j = 0; j < pools.length; j++) {
      const u = pools[j];
      if (u.auth === "anonymous") {
        anonymousPulls += u.pullsPerRollout;
        anonymousImages += u.images;
        if (services[i].profile.natPublicIps > anonymousIps) anonymousIps = services[i].profile.natPublicIps;
      } else if (u.auth === "personal") {
        personalPulls += u.pullsPerRollout;
        personalImages += u.images;
      } else {
        paidPulls += u.pullsPerRollout;
        paidImages += u.images;
      }
    }
  }
  const out: DockerHubUse[] = [];
  if (anonymousImages > 0) out.push(dockerHubUse("anonymous", anonymousImages, anonymousPulls, dockerHubLimit("anonymous", anonymousIps)));
  if (personalImages > 0) out.push(dockerHubUse("personal", personalImages, personalPulls, dockerHubLimit("personal", 1)));
  if (paidImages > 0) out.push(dockerHubUse("paid", paidImages, paidPulls, null));
  return out;
}

/**
 * Docker Hub pulls of the images a service pulls through the cache: the cache imports each image
 * from its upstream once, when a registry first serves it (first deploy, or a rollout to a new
 * tag), whatever the number of tasks. Docker Official Images served from ECR Public's mirror spend
 * none of the Docker Hub account's 6-hour limit: those are the pulls the route saves.
 */
export interface DockerHubCachePulls {
  /** Docker Hub pulls per first deploy (or new tag): one per image the cache imports from Docker Hub. */
  readonly pullsPerNewImage: number;
  /** Docker Hub pulls per first deploy (or new tag) that the ECR Public mirror route saves: one per official image on it. */
  readonly savedByOfficialMirror: number;
}

export function dockerHubCachePulls(images: readonly ImagePull[]): DockerHubCachePulls {
  let pulls = 0;
  let saved = 0;
  for (const image of images) {
    if (image.dockerHubCache === "docker-hub") pulls++;
    else if (image.dockerHubCache === "official-mirror") saved++;
  }
  return { pullsPerNewImage: pulls, savedByOfficialMirror: saved };
}
