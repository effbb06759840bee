import { containerPath, type Rule } from "./rule";
import * as catalogue from "./catalogue";

/**
 * docs/aws-facts.md, "Docker Hub limits": 100 anonymous pulls per 6 hours per egress IP, and a NAT
 * gateway is one IP. A direct pull is refused unless the config allows it; above the limit, always.
 */
export const dockerHubDirect: Rule = {
  definition: catalogue.dockerHubDirect,
  check: ({ plan }) =>
    plan.allowDockerHubDirect
      ? []
      : plan.environments.flatMap((env) =>
          env.services.flatMap((s) =>
            s.containers
              .filter((c) => c.image.pull.source === "docker-hub-direct")
              .map((c) => ({
                stack: env.stackName,
                path: containerPath(s, c, "pullDirect"),
                message: `${s.name}: container ${c.name} pulls ${c.image.written} straight from Docker Hub (${s.desiredCount} tasks behind ${env.vpc.natPublicIps} NAT IP${env.vpc.natPublicIps === 1 ? "" : "s"}); pull it through the cache (remove pullDirect) or set pullBudget.allowDockerHubDirect`,
              })),
          ),
        ),
};
