import type { FindingDefinition } from "../../model/findings";

export const crossAccountPullPolicy: FindingDefinition = {
  id: "PG-CROSS-ACCOUNT-PULL-POLICY",
  level: "warning",
  description: "A container pulls directly (pullDirect) from another account's ECR repository, whose policy pullguard does not manage.",
  why: "A cross-account pull needs both sides: pullguard grants the execution role (the identity side), but ECR also checks the repository (or registry) policy of the account that owns the image, and without a statement there every task stops with CannotPullContainerError: access denied.",
  fix: "Add the printed statement to the repository policy in the other account (or an equivalent registry policy), or declare that account under accounts so pullguard replicates its images.",
  suppressible: true,
};
