import { containerPath, type Rule } from "./rule";
import * as catalogue from "./catalogue";

/** aws-facts.md: a never-cached image cannot be first pulled through the cache by digest. */
export const digestThroughCache: Rule = {
  definition: catalogue.digestThroughCache,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services.flatMap((s) =>
        s.containers
          .filter((c) => c.image.route === "pull-through-cache" && c.image.digest !== undefined)
          .map((c) => ({
            stack: env.stackName,
            path: containerPath(s, c, "image"),
            message: `${c.image.written} is pinned by digest through the pull-through cache; ECR cannot import a never-cached image by digest, so pull it once by tag (or keep the tag beside the digest)`,
          })),
      ),
    ),
};
