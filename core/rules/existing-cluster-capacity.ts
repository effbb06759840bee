import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/** aws_ecs_cluster_capacity_providers owns a cluster's whole provider list: attaching ours to an existing cluster would drop the cluster's own. */
export const existingClusterCapacity: Rule = {
  definition: catalogue.existingClusterCapacity,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => !env.createCluster)
      .map((env) => ({ env, needProviders: env.services.filter((s) => s.launchType === "EC2" || s.production.capacityProviderStrategy?.some((p) => p.capacityProvider === "FARGATE_SPOT")) }))
      .filter(({ needProviders }) => needProviders.length > 0)
      .map(({ env, needProviders }) => ({
        stack: env.stackName,
        path: `environments.${env.environment}.regions.${env.region}.existingClusterName`,
        message: `targets existing cluster "${env.clusterName}", but ${needProviders.map((s) => s.name).join(", ")} need EC2 or Fargate Spot capacity providers, which would replace that cluster's own; run them on Fargate or let pullguard create the cluster`,
      })),
};
