import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/**
 * What a pull needs outside the plan: a route to the internet for the cache's first pull, the
 * other account's half of a cross-account grant, and which cluster an existing cluster's scaling
 * names. Each is a warning a platform engineer acts on before the first deployment.
 */

/** The first pull of an image through the cache needs an internet route, even with the ECR endpoints (docs/aws-facts.md). */
export const cacheFirstPullRoute: Rule = {
  definition: catalogue.cacheFirstPullRoute,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => env.vpc.natPublicIps === 0)
      .flatMap((env) => {
        const cached = env.services.flatMap((s) => s.containers.filter((c) => c.image.route === "pull-through-cache").map((c) => `${s.name}/${c.name}`));
        if (cached.length === 0) return [];
        return [
          {
            stack: env.stackName,
            path: `environments.${env.environment}.regions.${env.region}.vpc.natPublicIps`,
            message: `is 0, but ${cached.join(", ")} pull${cached.length === 1 ? "s" : ""} through the pull-through cache: the first pull of each new image needs a route to the internet even with the ECR endpoints, so a task pulling an image nobody has cached yet stops with CannotPullContainerError`,
          },
        ];
      }),
};
