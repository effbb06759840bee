import type { FindingDefinition } from "../../model/findings";

export const upstreamRefresh: FindingDefinition = {
  id: "PG-UPSTREAM-REFRESH",
  level: "warning",
  description: "A day's cache refreshes come near the upstream account's limit for one window.",
  why: "Each cache re-checks a tag-referenced image upstream at most once per 24 h, and caches filled together re-check together: at 80% of the limit, a release or a CI job with the same account tips it over (docs/aws-facts.md, \"Docker Hub limits\", \"ECR pull-through cache\").",
  fix: "Pin images by digest (pinned images are never re-fetched), spread deploys over the day, or upgrade the upstream plan.",
  suppressible: true,
};
