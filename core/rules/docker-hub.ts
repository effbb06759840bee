import { quotaBreaches } from "../budget";
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

export const dockerHubLimit: Rule = {
  definition: catalogue.dockerHubLimit,
  check: ({ plan }) =>
    plan.environments.flatMap((env) => [
      ...env.services.flatMap((s) =>
        quotaBreaches(s.assessment, plan.maxQuotaShare)
          .filter((f) => f.subject === "docker-hub" && f.passed === "limit")
          .map((f) => ({ stack: env.stackName, path: s.configPath, message: f.message })),
      ),
      ...quotaBreaches(env.groupAssessment, plan.maxQuotaShare)
        .filter((f) => f.subject === "docker-hub" && f.passed === "limit" && env.services.filter((s) => s.assessment.dockerHub.length > 0).length > 1)
        .map((f) => ({ stack: env.stackName, path: `environments.${env.environment}`, message: f.message })),
    ]),
};

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
