import type { FindingDefinition } from "../../model/findings";

export const cacheFirstPullRoute: FindingDefinition = {
  id: "PG-CACHE-FIRST-PULL-ROUTE",
  level: "warning",
  description: "A location pulls images through the pull-through cache and declares no NAT egress (natPublicIps 0).",
  why: "The ECR user guide says the first pull of an image through the cache needs a route to the internet even with the ECR interface endpoints; without it the first task of every new image or tag fails with CannotPullContainerError while later pulls of cached images work (docs/aws-facts.md, \"ECR pull-through cache\").",
  fix: "Give the private subnets a NAT route and set vpc.natPublicIps, or warm the cache from a network that has one (pull each new image once) before the first deployment.",
  suppressible: true,
};
