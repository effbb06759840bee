import type { Rule } from "./rule";

/**
 * restrictToAccount limits the ECR endpoints to this account's repositories, so a direct pull from
 * another account's ECR through them would be denied at deploy time.
 */
export const endpointPolicyBlocksPull: Rule = {
  id: "PG-ENDPOINT-POLICY-BLOCKS-PULL",
  description: "An ECR endpoint policy restricted to the account must not block an image the services pull.",
  check: ({ plan }) =>
    plan.environments
      .filter((env) => env.endpoints.some((e) => e.service === "ecr.dkr" && e.policy !== undefined))
      .flatMap((env) =>
        env.services.flatMap((s) =>
          s.containers
            .filter((c) => c.image.repositoryArn !== undefined && c.image.repositoryArn.split(":")[4] !== env.account)
            .map((c) => ({
              stack: env.stackName,
              path: `environments.${env.environment}.endpoints.restrictToAccount`,
              message: `limits ECR to account ${env.account}, but ${s.name}/${c.name} pulls ${c.image.written} from account ${c.image.repositoryArn!.split(":")[4]}; the endpoint policy will deny it`,
            })),
        ),
      ),
};
