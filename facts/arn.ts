/**
 * ARNs, built and parsed in one place. The partition follows the Region ("ARN format" in the IAM
 * user guide): aws-cn for China Regions, aws-us-gov for GovCloud, aws elsewhere.
 */

/** The partitions pullguard writes and accepts ARNs in (isolated partitions are out of scope). */
export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;
export type Partition = (typeof PARTITIONS)[number];

/**
 * Any partition, as regex source for ARN patterns written elsewhere (config validation), so the
 * partition list has this one home: `new RegExp(\`^arn:${PARTITION_PATTERN}:kms:...$\`)`.
 */
export const PARTITION_PATTERN = `(?:${PARTITIONS.join("|")})`;

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
  readonly partition: Partition;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

const ARN = new RegExp(`^arn:(${PARTITION_PATTERN}):([a-z0-9-]+):([a-z0-9-]*):(\\d{12}|aws|):(.+)$`);

/** The six fields of an ARN, or undefined when the text is not one (or names another partition). */
export function parseArn(text: string): ParsedArn | undefined {
  const m = ARN.exec(text);
  return m ? { partition: m[1] as Partition, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! } : undefined;
}

/**
 * Why an ARN's partition cannot be right for `region`, or undefined when it is. The partition
 * follows the Region, so `arn:aws-cn:...` cannot name anything in us-east-1 (nor a role a stack in
 * us-east-1 can use).
 */
export function partitionMismatch(parsed: Pick<ParsedArn, "partition">, region: string): string | undefined {
  const expected = partitionOf(region);
  return parsed.partition === expected ? undefined : `is an ${parsed.partition} ARN, but ${region} is in partition ${expected}`;
}
