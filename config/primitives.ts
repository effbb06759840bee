import { quoted } from "./problems";
import { z } from "zod";
import { PARTITION_PATTERN, parseArn, partitionMismatch } from "../facts/arn";

/**
 * Leaf validators shared by the config schema. Each error message is a short predicate that reads
 * after the config path: `environments.prod.account: must be ...`.
 */

/** Commercial Regions only: ECR pull-through cache is not offered in China or GovCloud (aws-facts.md). */
export const KNOWN_REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

const knownRegions: ReadonlySet<string> = new Set(KNOWN_REGIONS);

export function regionProblem(value: string): string | undefined {
  if (knownRegions.has(value)) return undefined;
  if (/^(cn|us-gov|us-iso[a-z]*|eu-isoe)-/.test(value)) {
    return "must be a commercial AWS Region: ECR pull-through cache is not available in China, GovCloud or isolated Regions";
  }
  return `must be a known AWS Region (e.g. us-east-1), got ${quoted(value)}`;
}

export const region = z.string().superRefine((value, ctx) => {
  const problem = regionProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const accountId = z
  .string({
    // YAML reads an unquoted 123456789012 as a number, and 012345678901 would lose its leading zero.
    error: (issue) => (typeof issue.input === "number" ? "must be a quoted string of 12 digits: YAML reads an unquoted account id as a number" : undefined),
  })
  .regex(/^\d{12}$/, "must be a 12-digit AWS account id (quote it in YAML so leading zeros survive)");

/**
 * An object every field of which has its own default, defaulted as a whole to what it parses to from
 * `{}`: each value has one home, its field. (zod 4's `.default(value)` does not parse its value, so
 * a literal copy would be a second home; `.prefault({})` parses, but the JSON Schema would then
 * document `{}` instead of the values.) A function, so no parse shares nested objects with another.
 */
export function defaultedFromFields<T extends z.ZodType>(schema: T): z.ZodDefault<T> {
  return schema.default(() => schema.parse({}) as z.util.NoUndefined<z.output<T>>);
}

export const accountRef = z.string().min(1).describe("An account alias declared under `accounts`.");

/** Lowercase DNS-label style names: they end up in stack names, IAM role names and Terraform identifiers. */
export const resourceName = (what: string, max: number) =>
  z
    .string()
    .regex(/^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/, `must be ${/^[aeiou]/.test(what) ? "an" : "a"} ${what} of lowercase letters, digits and single hyphens, starting with a letter`)
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !v.includes("--"), "must not contain consecutive hyphens");

const awsId = (prefix: string, label: string) =>
  z.string().regex(new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`), `must be a ${label} id (${prefix}- followed by 8 or 17 hex characters)`);

export const vpcId = awsId("vpc", "VPC");
export const subnetId = awsId("subnet", "subnet");
export const routeTableId = awsId("rtb", "route table");
export const vpcEndpointId = awsId("vpce", "VPC endpoint");

function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** A VPC's primary IPv4 CIDR: a /16 to /28 network address (the VPC size limits). */
export const vpcCidr = z.string().superRefine((value, ctx) => {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(value);
  const address = match ? parseIpv4(match[1]!) : undefined;
  const bits = match ? Number(match[2]) : NaN;
  if (address === undefined || !(bits >= 0 && bits <= 32)) {
    ctx.addIssue({ code: "custom", message: `must be an IPv4 CIDR block like 10.0.0.0/16, got ${quoted(value)}` });
    return;
  }
  if (bits < 16 || bits > 28) {
    ctx.addIssue({ code: "custom", message: `must have a prefix length between /16 and /28 (VPC limits), got /${bits}` });
    return;
  }
  const size = 2 ** (32 - bits);
  const network = address - (address % size);
  if (network !== address) {
    ctx.addIssue({ code: "custom", message: `has host bits set; the network address is ${formatIpv4(network)}/${bits}` });
  }
});

/**
 * An ARN in any partition pullguard knows (facts/arn.ts), `afterPartition` being regex source for
 * the rest. The pattern goes into the JSON Schema; a Region in the ARN must then be in the ARN's
 * partition (`arn:aws-cn:...:us-east-1:...` names nothing), one line at the ARN's path.
 */
export function arnString(afterPartition: string, message: string, base = z.string()) {
  const pattern = new RegExp(`^arn:${PARTITION_PATTERN}:${afterPartition}$`);
  return base
    .regex(pattern, message)
    .superRefine((value, ctx) => {
      const parsed = pattern.test(value) ? parseArn(value) : undefined;
      const problem = parsed && parsed.region !== "" ? partitionMismatch(parsed, parsed.region) : undefined;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/**
 * Secrets Manager secret or SSM parameter, the two sources ECS injects as container secrets. A
 * secret may select a JSON key, version stage and version id: `...:secret:name-AbCdEf:key:stage:id`.
 */
export const containerSecretArn = arnString(
  String.raw`(?:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+(?::[A-Za-z0-9/_+=.@-]*){0,3}|ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+)`,
  "must be a Secrets Manager secret ARN (optionally with :json-key:version-stage:version-id) or an SSM parameter ARN",
);

/** S3's bucket naming rules beyond the character pattern (S3 user guide, bucket naming rules). */
export function bucketNameProblem(name: string): string | undefined {
  if (name.includes("..")) return "must not contain two adjacent periods";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not be formatted as an IP address";
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return "must not begin with xn--, sthree- or amzn-s3-demo-";
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return "must not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3";
  return undefined;
}

export const secretsManagerArn = arnString(String.raw`secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+`, "must be a Secrets Manager secret ARN");

/**
 * CreatePullThroughCacheRule's credentialArn pattern and length (aws-facts.md), its `aws(-\w+)*`
 * partition narrowed to the partitions pullguard knows.
 */
export const pullThroughCacheCredentialArn = arnString(
  String.raw`secretsmanager:[a-zA-Z0-9-:]+:secret:ecr-pullthroughcache\/[a-zA-Z0-9/_+=.@-]+`,
  "must be the ARN of a Secrets Manager secret whose name begins with ecr-pullthroughcache/",
  z
    .string()
    .min(50, "must be 50 to 612 characters (CreatePullThroughCacheRule credentialArn)")
    .max(612, "must be 50 to 612 characters (CreatePullThroughCacheRule credentialArn)"),
);

export const kmsKeyArn = arnString(String.raw`kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+`, "must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)");

export const iamRoleArn = arnString(String.raw`iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+`, "must be an IAM role ARN");

export const snsTopicArn = arnString(String.raw`sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}`, "must be an SNS topic ARN");

/** ecrRepositoryPrefix: 2-30 characters and the API's pattern; ROOT is the catch-all (aws-facts.md). */
export const ECR_REPOSITORY_PREFIX = /^((?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*\/?|ROOT)$/;

export const ecrRepositoryPrefix = z
  .string()
  .min(2, "must be 2 to 30 characters (ecrRepositoryPrefix)")
  .max(30, "must be 2 to 30 characters (ecrRepositoryPrefix)")
  .regex(ECR_REPOSITORY_PREFIX, "must match ECR's repository prefix pattern: lowercase path components separated by '/', '.', '_' or '-'")
  .refine((v) => v !== "ROOT", "must not be ROOT: pullguard rewrites images under a named prefix")
  .transform((v) => v.replace(/\/$/, ""));

/** A prefix as a map key: no trailing "/" (it is implied), so one prefix cannot be written two ways. */
export const ecrRepositoryPrefixKey = z
  .string()
  .min(2, "must be 2 to 30 characters (ecrRepositoryPrefix)")
  .max(30, "must be 2 to 30 characters (ecrRepositoryPrefix)")
  .regex(ECR_REPOSITORY_PREFIX, "must match ECR's repository prefix pattern: lowercase path components separated by '/', '.', '_' or '-'")
  .refine((v) => v !== "ROOT", "must not be ROOT: pullguard rewrites images under a named prefix")
  .superRefine((v, ctx) => {
    if (v.endsWith("/")) ctx.addIssue({ code: "custom", message: `must not end with "/" (ECR implies it): write "${v.replace(/\/+$/, "")}"` });
  });

/**
 * AWS's tag pattern is `^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`. `\p{...}` classes crash Python's `re`
 * (editors and CI validate with the generated JSON Schema), so the schema carries a looser pattern
 * every engine reads (no ASCII punctuation AWS refuses, no control characters) and the exact
 * Unicode check runs as a refinement.
 */
// The control-character range is the point: tags may not hold them.
// eslint-disable-next-line no-control-regex
const TAG_CHARACTERS_LOOSE = /^[^\x00-\x1f\x7f!"#$%&'()*,;<>?[\\\]^`{|}~]*$/;
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_CHARACTERS_TEXT = "letters, digits, spaces and _ . : / = + - @";

/** Tags pullguard itself sets on every resource (default_tags): config may not override them silently. */
export const RESERVED_TAG_KEYS = ["managed-by", "environment", "pullguard-stack"] as const;

/** AWS allows 50 tags per resource (IAM roles included). */
export const MAX_TAGS_PER_RESOURCE = 50;

const tagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(TAG_CHARACTERS_LOOSE, `tag keys may use ${TAG_CHARACTERS_TEXT}`)
  .refine((k) => TAG_CHARACTERS.test(k), `tag keys may use ${TAG_CHARACTERS_TEXT}`)
  .refine((k) => !k.toLowerCase().startsWith("aws:"), "tag keys must not begin with aws: (reserved)")
  .refine((k) => !(RESERVED_TAG_KEYS as readonly string[]).includes(k), "is set by pullguard on every resource; choose another key");

const tagValue = z
  .string()
  .max(256, "tag values must be at most 256 characters")
  .regex(TAG_CHARACTERS_LOOSE, `tag values may use ${TAG_CHARACTERS_TEXT}`)
  .refine((v) => TAG_CHARACTERS.test(v), `tag values may use ${TAG_CHARACTERS_TEXT}`);

/** Tags pullguard merges into default_tags, so the count leaves room for its own three. */
export const tags = z.record(tagKey, tagValue).superRefine((t, ctx) => {
  const count = Object.keys(t).length;
  const limit = MAX_TAGS_PER_RESOURCE - RESERVED_TAG_KEYS.length;
  if (count > limit) {
    ctx.addIssue({ code: "custom", message: `has ${count} tags; with ${RESERVED_TAG_KEYS.join(", ").replace(/, (?=[^,]*$)/, " and ")} that is ${count + RESERVED_TAG_KEYS.length}, over AWS's ${MAX_TAGS_PER_RESOURCE} per resource` });
  }
});

/** Tags ECR puts on repositories it creates: pullguard adds none there. */
export const resourceTags = z.record(tagKey, tagValue).refine((t) => Object.keys(t).length <= MAX_TAGS_PER_RESOURCE, `must list at most ${MAX_TAGS_PER_RESOURCE} tags (AWS limit per resource)`);

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const logRetentionDays = z
  .number()
  .int()
  .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
