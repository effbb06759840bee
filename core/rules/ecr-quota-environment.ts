import { quotaBreaches } from "../budget";
import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/** Every service of one stack rolling at once (a blue-green swap or a hotfix). */
export const ecrQuotaEnvironment: Rule = {
  definition: catalogue.ecrQuotaEnvironment,
  check: ({ plan }) =>
    plan.environments.flatMap((env) =>
      quotaBreaches(env.groupAssessment, plan.maxQuotaShare)
        .filter((f) => f.passed === "limit" && f.subject !== "docker-hub")
        .map((f) => ({ stack: env.stackName, path: `environments.${env.environment}`, message: f.message })),
    ),
};
