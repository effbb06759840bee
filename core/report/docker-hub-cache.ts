import { dockerHubCachePulls, type ImagePull } from "../budget";
import { md, type Markdown } from "../markdown";

/**
 * The report's Docker Hub cache figures: what the images a stack pulls through the cache cost the
 * Docker Hub account, and what taking Docker Official Images from ECR Public's mirror saves
 * (docs/pull-budget.md, "Docker Official Images through ECR Public").
 */

/** Present only for a service with a Docker Hub image through the cache, so other reports keep their shape. */
export function dockerHubCacheJson(images: readonly ImagePull[]) {
  const pulls = dockerHubCachePulls(images);
  return pulls.pullsPerNewImage + pulls.savedByOfficialMirror > 0 ? { dockerHubCache: pulls } : {};
}

/**
 * What the stack's cached Docker Hub images cost the Docker Hub account: one pull per image the
 * cache imports (first deploy or new tag), and what the ECR Public mirror route saves.
 */
export function dockerHubCacheLines(images: readonly ImagePull[]): Markdown[] {
  // An image several services pull is imported once per registry (the path includes the registry).
  const distinct = [...new Map(images.map((i) => [`${i.registryPath} ${i.dockerHubCache ?? ""}`, i])).values()];
  const pulls = dockerHubCachePulls(distinct);
  if (pulls.pullsPerNewImage + pulls.savedByOfficialMirror === 0) return [];
  return [
    md``,
    md`Docker Hub pulls per first deploy or new tag (one per image the cache imports): ${pulls.pullsPerNewImage} through the Docker Hub rule; ${pulls.savedByOfficialMirror} saved by taking Docker Official Images from ECR Public's mirror.`,
  ];
}

