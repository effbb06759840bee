import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/** An image built for one architecture cannot run on instances of the other: the EC2 tasks must match the group's AMI. */
export const ec2Architecture: Rule = {
  definition: catalogue.ec2Architecture,
  check: ({ plan }) =>
    plan.environments.flatMap((env) => {
      const capacity = env.ec2Capacity;
      if (capacity === undefined) return [];
      return env.services
        .filter((s) => s.launchType === "EC2" && s.production.cpuArchitecture !== capacity.cpuArchitecture)
        .map((s) => ({
          stack: env.stackName,
          path: `${s.configPath}.runtimePlatform.cpuArchitecture`,
          message: `is ${s.production.cpuArchitecture}, but the environment's EC2 capacity (ec2Capacity.instanceType ${capacity.instanceType}) is ${capacity.cpuArchitecture}`,
        }));
    }),
};

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
