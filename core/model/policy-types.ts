/**
 * IAM policy documents as plain data, the shape AWS reads: core/iam/policy.ts builds them, the plan
 * carries them (execution roles, endpoint, registry and topic policies), modules render them with
 * `jsonDocument`. Types only, so a plan type never loads the IAM logic.
 */

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Readonly<Record<string, string | readonly string[]>>;
  readonly NotPrincipal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}
