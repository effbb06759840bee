import { iamRoleArn } from "../../facts/arn";
import { eventBusRuleQuota } from "../../facts/eventbridge";
import { policyDocument } from "../iam/policy";
import type { Rule } from "./rule";
import { containerPath } from "./rule";
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

/** ECR's pull actions a repository policy grants another account's roles (the identity side has ecr:GetAuthorizationToken too). */
const REPOSITORY_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];

/** A direct pull from another account's ECR needs that account's repository policy too: print the statement it must add. */
export const crossAccountPullPolicy: Rule = {
  definition: catalogue.crossAccountPullPolicy,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      env.services.flatMap((s) =>
        s.containers.flatMap((c) => {
          const repositoryArn = c.image.repositoryArn;
          if (c.image.route !== "direct" || c.image.pull.source !== "ecr" || repositoryArn === undefined) return [];
          const [, , , region, owner, resource] = repositoryArn.split(":");
          if (owner === env.account) return [];
          // The execution role pulls; on EC2 pullguard grants the container-instance role too (aws-facts.md: which one the agent uses is unverified).
          const principals = [iamRoleArn(env.account, env.region, s.executionRoleName), ...(s.launchType === "EC2" && env.ec2Capacity ? [iamRoleArn(env.account, env.region, env.ec2Capacity.instanceRole.name)] : [])];
          const repository = resource!.replace(/^repository\//, "");
          const statement = policyDocument([
            {
              Sid: `PullFrom${env.account}`,
              Effect: "Allow",
              Principal: { AWS: principals.length === 1 ? principals[0]! : principals },
              Action: REPOSITORY_PULL_ACTIONS,
            },
          ]);
          return [
            {
              stack: env.stackName,
              path: containerPath(s, c, "image"),
              message: `${s.name}/${c.name} pulls ${repository} directly from account ${owner} (${region}); pullguard grants ${env.account}'s side only. Add this to the repository policy of ${repository} in account ${owner}: ${JSON.stringify(statement)}`,
            },
          ];
        }),
      ),
    ),
};

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

/** "stacks a, b, c", or the first three and how many more: a line stays readable at 100 stacks. */
function stackList(stacks: readonly string[]): string {
  const shown = stacks.slice(0, 3).join(", ");
  return stacks.length > 3 ? `stacks ${shown} and ${stacks.length - 3} more` : `stack${stacks.length === 1 ? "" : "s"} ${shown}`;
}

/** One rule per service and one per notifying environment, counted per account and Region against the default bus's quota. */
export const eventRuleQuota: Rule = {
  definition: catalogue.eventRuleQuota,
  check: ({ plan }) => {
    const byLocation = new Map<string, { account: string; region: string; rules: number; stacks: string[] }>();
    for (const env of plan.environments) {
      const key = `${env.account}/${env.region}`;
      const entry = byLocation.get(key) ?? { account: env.account, region: env.region, rules: 0, stacks: [] };
      entry.rules += env.services.length + (env.pullFailureEvents ? 1 : 0);
      entry.stacks.push(env.stackName);
      byLocation.set(key, entry);
    }
    return [...byLocation.values()]
      .filter((l) => l.rules > eventBusRuleQuota(l.region))
      .map((l) => ({
        stack: l.stacks[0]!,
        path: "environments",
        message: `${l.rules} EventBridge rules in ${l.account}/${l.region} (${stackList(l.stacks)}: one per service, one per notifying environment) pass the default bus's quota of ${eventBusRuleQuota(l.region)} rules; raise "Number of rules" there before applying`,
      }));
  },
};
