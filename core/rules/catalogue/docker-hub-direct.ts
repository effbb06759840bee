import type { FindingDefinition } from "../../model/findings";

export const dockerHubDirect: FindingDefinition = {
  id: "PG-DOCKER-HUB-DIRECT",
  level: "error",
  description: "A container pulls from Docker Hub directly (pullDirect) while pullBudget.allowDockerHubDirect is off.",
  why: "Anonymous Docker Hub pulls are limited per egress IP and a NAT gateway is one IP for every task behind it (docs/aws-facts.md, \"Docker Hub limits\").",
  fix: "Pull the image through the cache (remove pullDirect), or set pullBudget.allowDockerHubDirect.",
  suppressible: true,
};
