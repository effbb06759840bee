import type { FindingDefinition } from "../../model/findings";

export const dockerHubLimit: FindingDefinition = {
  id: "PG-DOCKER-HUB-LIMIT",
  level: "error",
  description: "A rollout's direct Docker Hub pulls exceed the Docker Hub pull limit for its NAT IPs.",
  why: "Docker Hub allows a fixed number of pulls per 6 hours per egress IP; above it pulls fail with toomanyrequests (docs/aws-facts.md, \"Docker Hub limits\").",
  fix: "Pull through the cache, add NAT IPs, or lower the rollout's task count.",
  suppressible: true,
};
