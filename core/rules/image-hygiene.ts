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

/** ECS pins digests at deployment: a moved mutable tag leaves running tasks on an untagged image the lifecycle policy expires. */
export const mutableTemplateTags: Rule = {
  definition: catalogue.mutableTags,
  check: ({ plan }) =>
    plan.registries
      .filter((r) => r.templates.length > 0 && r.templateSettings.tagMutability === "MUTABLE")
      .map((r) => ({
        stack: r.stackName,
        path: `accounts.${r.accountAlias}.registry.repositoryTemplates.tagMutability`,
        message: "is MUTABLE: a moved tag leaves the digest running tasks pinned untagged, and the untagged-expiry rule deletes it, breaking later scale-out",
      })),
};

/** aws-facts.md: prefer-cached disables automated image cleanup, so disks fill. */
export const preferCached: Rule = {
  definition: catalogue.preferCached,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => env.ec2Capacity?.imagePullBehavior === "prefer-cached")
      .map((env) => ({
        stack: env.stackName,
        path: `environments.${env.environment}.ec2Capacity.imagePullBehavior`,
        message: "is prefer-cached, which disables the agent's automated image cleanup: instance disks fill over time; `once` caches per instance and keeps cleanup",
      })),
};
