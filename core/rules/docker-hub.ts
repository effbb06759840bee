import { findings } from "../pull-budget";
import { containerPath, type Rule } from "./rule";

/**
 * docs/aws-facts.md, "Docker Hub limits": 100 anonymous pulls per 6 hours per egress IP, and a NAT
 * gateway is one IP. A direct pull is refused unless the config allows it; above the limit, always.
 */
export const dockerHubDirect: Rule = {
  id: "PG-DOCKER-HUB-DIRECT",
  description: "Containers must not pull from Docker Hub directly (use the pull-through cache).",
  check: ({ plan, config }) =>
    config.pullBudget.allowDockerHubDirect
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
  id: "PG-DOCKER-HUB-LIMIT",
  description: "Direct Docker Hub pulls of a rollout must fit the 6-hour pull limit.",
  check: ({ plan }) =>
    plan.environments.flatMap((env) => [
      ...env.services.flatMap((s) =>
        findings(s.assessment, plan.maxQuotaShare)
          .filter((f) => f.subject === "docker-hub" && f.level === "error")
          .map((f) => ({ stack: env.stackName, path: s.configPath, message: f.message })),
      ),
      ...findings(env.groupAssessment, plan.maxQuotaShare)
        .filter((f) => f.subject === "docker-hub" && f.level === "error" && env.services.filter((s) => s.assessment.dockerHub.length > 0).length > 1)
        .map((f) => ({ stack: env.stackName, path: `environments.${env.environment}`, message: f.message })),
    ]),
};

/** Direct pulls need a way out of the VPC. */
export const directPullEgress: Rule = {
  id: "PG-DIRECT-PULL-EGRESS",
  description: "A direct pull from outside AWS needs NAT egress.",
  check: ({ plan }) =>
    plan.environments
      .filter((env) => env.vpc.natPublicIps === 0)
      .flatMap((env) =>
        env.services.flatMap((s) =>
          s.containers
            .filter((c) => c.image.route === "direct" && c.image.pull.source !== "ecr")
            .map((c) => ({
              stack: env.stackName,
              path: `environments.${env.environment}.regions.${env.region}.vpc.natPublicIps`,
              message: `is 0, but ${s.name}/${c.name} pulls ${c.image.written} from outside AWS, which needs NAT egress`,
            })),
        ),
      ),
};
