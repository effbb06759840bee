import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/**
 * Direct pulls need a way out of the VPC: a registry outside AWS, and also ECR in another Region,
 * which this VPC's endpoints do not serve (their private DNS covers only this Region's hosts).
 */
export const directPullEgress: Rule = {
  definition: catalogue.directPullEgress,
  check: ({ plan }) =>
    plan.environments
      .filter((env) => env.vpc.natPublicIps === 0)
      .flatMap((env) =>
        env.services.flatMap((s) =>
          s.containers
            .filter((c) => c.image.route === "direct" && (c.image.pull.source !== "ecr" || c.image.repositoryArn?.split(":")[3] !== env.region))
            .map((c) => ({
              stack: env.stackName,
              path: `environments.${env.environment}.regions.${env.region}.vpc.natPublicIps`,
              message:
                c.image.pull.source === "ecr"
                  ? `is 0, but ${s.name}/${c.name} pulls ${c.image.written} directly from ECR in ${c.image.repositoryArn?.split(":")[3]}, which this VPC's ${env.region} endpoints do not serve: it needs NAT egress (or pull it through the cache: remove pullDirect)`
                  : `is 0, but ${s.name}/${c.name} pulls ${c.image.written} from outside AWS, which needs NAT egress`,
            })),
        ),
      ),
};
