import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

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
