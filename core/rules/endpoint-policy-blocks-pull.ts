import type { EnvironmentPlan } from "../model/plan-types";
import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/** The Region an ECR repository ARN names: a pull only crosses this VPC's ECR endpoints when it is the cluster's Region. */
function repositoryRegion(arn: string): string | undefined {
  return arn.split(":")[3];
}

function restricted(env: EnvironmentPlan): boolean {
  return env.endpoints.some((e) => e.service === "ecr.dkr" && e.policy !== undefined);
}

/**
 * restrictToAccount limits the ECR endpoints to this account's repositories, so a direct pull from
 * another account's ECR through them would be denied at deploy time. A pull from another Region's
 * ECR never crosses these endpoints (their private DNS answers only for this Region's hosts): the
 * policy cannot block it, so it is not flagged here (PG-DIRECT-PULL-EGRESS checks its way out).
 */
export const endpointPolicyBlocksPull: Rule = {
  definition: catalogue.endpointPolicyBlocksPull,
  check: ({ plan }) =>
    plan.environments.filter(restricted).flatMap((env) =>
      env.services.flatMap((s) =>
        s.containers
          .filter((c) => c.image.repositoryArn !== undefined && c.image.repositoryArn.split(":")[4] !== env.account && repositoryRegion(c.image.repositoryArn) === env.region)
          .map((c) => ({
            stack: env.stackName,
            path: `environments.${env.environment}.endpoints.restrictToAccount`,
            message: `limits ECR to account ${env.account}, but ${s.name}/${c.name} pulls ${c.image.written} from account ${c.image.repositoryArn!.split(":")[4]}; the endpoint policy will deny it`,
          })),
      ),
    ),
};
