/**
 * ARNs, built and parsed in one place. The partition follows the Region ("ARN format" in the IAM
 * user guide): aws-cn for China Regions, aws-us-gov for GovCloud, aws elsewhere.
 */

export type Partition = "aws" | "aws-cn" | "aws-us-gov";

export function partitionOf(region: string): Partition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export interface ArnParts {
  readonly service: string;
  /** The resource's Region; empty for global services (IAM, S3 buckets) but still set on the parts to pick the partition. */
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; `inRegion` false leaves the Region field empty (IAM, S3). */
export function arn(parts: ArnParts, inRegion = true): string {
  return `arn:${partitionOf(parts.region)}:${parts.service}:${inRegion ? parts.region : ""}:${parts.account}:${parts.resource}`;
}

/** An account's root principal, as resource and trust policies name a whole account. */
export function accountRootArn(account: string, region: string): string {
  return arn({ service: "iam", region, account, resource: "root" }, false);
}

export function iamRoleArn(account: string, region: string, roleName: string): string {
  return arn({ service: "iam", region, account, resource: `role/${roleName}` }, false);
}

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** The six fields of an ARN, or undefined when the text is not one. */
export function parseArn(text: string): ParsedArn | undefined {
  const m = /^arn:(aws(?:-[a-z]+)*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/.exec(text);
  return m ? { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! } : undefined;
}
