import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/**
 * What a pull needs outside the plan: a route to the internet for the cache's first pull, the
 * other account's half of a cross-account grant, and which cluster an existing cluster's scaling
 * names. Each is a warning a platform engineer acts on before the first deployment.
 */

/** Autoscaling in an existing cluster registers `service/<existing cluster>/<service>`: say which cluster it names. */
export const existingClusterAutoscaling: Rule = {
  definition: catalogue.existingClusterAutoscaling,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => !env.createCluster)
      .flatMap((env) =>
        env.services.flatMap((s) => {
          const a = s.production.autoscaling;
          if (!a) return [];
          return [
            {
              stack: env.stackName,
              path: `${s.configPath}.autoscaling`,
              message: `${s.name} scales in the existing cluster ${a.clusterName}: pullguard registers the scalable target ${a.resourceId} there and leaves the cluster itself unmanaged`,
            },
          ];
        }),
      ),
};
