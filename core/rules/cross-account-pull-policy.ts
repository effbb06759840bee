import { iamRoleArn } from "../../facts/arn";
import { policyDocument } from "../iam/policy";
import type { Rule } from "./rule";
import { containerPath } from "./rule";
import * as catalogue from "./catalogue";

/**
 * What a pull needs outside the plan: a route to the internet for the cache's first pull, the
 * other account's half of a cross-account grant, and which cluster an existing cluster's scaling
 * names. Each is a warning a platform engineer acts on before the first deployment.
 */

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
