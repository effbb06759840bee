import { policiesOverLimit } from "../iam/size";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * Every policy document of the plan (role inline and trust policies, registry and endpoint
 * policies) against its AWS size limit (core/iam/size.ts, docs/aws-facts.md "Policy sizes"): IAM,
 * ECR and VPC refuse an oversized one only at apply time, after other resources changed.
 */
export const policySize: Rule = {
  definition: catalogue.policySize,
  check: ({ plan }) => policiesOverLimit(plan),
};
