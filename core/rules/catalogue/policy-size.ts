import type { FindingDefinition } from "../../model/findings";

export const policySize: FindingDefinition = {
  id: "PG-POLICY-SIZE",
  level: "error",
  description: "A policy document pullguard builds (a role's inline or trust policy, the registry policy, a VPC endpoint policy) is over its AWS size limit.",
  why: "IAM, ECR and VPC refuse a document over its limit at apply time (docs/aws-facts.md, \"Policy sizes\").",
  fix: "Split the grants: wildcards in resource ARNs, fewer resources per role, or a managed policy you own.",
  suppressible: false,
};
