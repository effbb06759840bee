import { quotaBreaches } from "../budget";
import type { Rule } from "./rule";
import * as catalogue from "./catalogue";

/** ECR quotas are per account and Region: environments sharing one share its quotas. */
export const ecrQuotaAccount: Rule = {
  definition: catalogue.ecrQuotaAccount,
  check: ({ plan }) =>
    plan.accountRegionAssessments.flatMap((group) =>
      quotaBreaches(group, plan.maxQuotaShare)
        .filter((f) => f.passed === "limit" && f.subject !== "docker-hub")
        .map((f) => ({ stack: group.registryStackName, path: "pullBudget.maxQuotaShare", message: f.message })),
    ),
};
