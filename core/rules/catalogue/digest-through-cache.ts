import type { FindingDefinition } from "../../model/findings";

export const digestThroughCache: FindingDefinition = {
  id: "PG-DIGEST-THROUGH-CACHE",
  level: "warning",
  description: "An image pulled through the pull-through cache is pinned by digest.",
  why: "ECR cannot import a never-cached image by digest, so the first pull fails until the image was cached by tag (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Pull it once by tag, or keep the tag beside the digest.",
  suppressible: true,
};
