import { quotaBreaches } from "../budget";
import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

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
