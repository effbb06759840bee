import { arn } from "../../facts/arn";
import type { PolicyDocument, PolicyStatement } from "../model/policy-types";

/**
 * IAM policy documents as plain data. They are built here, outside cdktf, so that tests can
 * evaluate them (is this call allowed?); modules render them with `jsonDocument` (modules/json-document.ts).
 */

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

// Re-exported: its home is facts/ecr.ts.
export { ecrRepositoryArn } from "../../facts/ecr";

export function logGroupArn(region: string, account: string, logGroupName: string): string {
  return arn({ service: "logs", region, account, resource: `log-group:${logGroupName}` });
}

/** Unique, sorted: the same config must give byte-identical policies. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
