import type { Rule } from "./rule";
import * as catalogue from "./catalogue";
import { serviceHits } from "./support/quota-breaches";

/** A single service's rollout must leave (1 - maxQuotaShare) of every ECR API quota to everything else. */
export const ecrQuota: Rule = {
  definition: catalogue.ecrQuota,
  check: (ctx) => serviceHits(ctx, (f) => f.passed === "limit"),
};
