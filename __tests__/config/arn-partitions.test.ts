import { parseConfig } from "../../config/load";
import { iamRoleArn, kmsKeyArn, containerSecretArn, snsTopicArn, pullThroughCacheCredentialArn } from "../../config/primitives";
import { targetGroupArn } from "../../config/service-schema";
import { PARTITION_PATTERN, parseArn, partitionMismatch } from "../../facts/arn";
import { singleEnvironment, type ServiceInput } from "../helpers/service-config";

/**
 * ARNs in config: every partition pullguard knows is accepted, an ARN whose partition is not its
 * Region's (its own Region field, or the Regions it is used in) is one config error at its path,
 * and a malformed ARN keeps its one format message.
 */

const A = "111111111111";

/** Every problem of a config, as "path: message" lines; [] when it parses. */
function problems(input: unknown): string[] {
  const result = parseConfig(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

/** The messages a leaf validator gives a value; [] when it accepts it. */
function leaf(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: string): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error!.issues.map((i) => i.message);
}

function service(extra: Partial<ServiceInput> = {}): ServiceInput {
  return { image: "public.ecr.aws/nginx/nginx:1.27.3", desiredCount: 2, ...extra };
}

describe("the partition list lives in facts/arn.ts", () => {
  it("builds the config patterns from aws, aws-cn and aws-us-gov only", () => {
    expect(PARTITION_PATTERN).toBe("(?:aws|aws-cn|aws-us-gov)");
  });

  it("parseArn refuses partitions pullguard does not know", () => {
    expect(parseArn("arn:aws-iso:kms:us-iso-east-1:123456789012:key/k")).toBeUndefined();
    expect(parseArn("arn:aws-cn:kms:cn-north-1:123456789012:key/k")).toEqual({ partition: "aws-cn", service: "kms", region: "cn-north-1", account: "123456789012", resource: "key/k" });
  });

  it("partitionMismatch names the ARN's partition, the Region and the Region's partition", () => {
    expect(partitionMismatch({ partition: "aws-cn" }, "us-east-1")).toBe("is an aws-cn ARN, but us-east-1 is in partition aws");
    expect(partitionMismatch({ partition: "aws" }, "us-gov-west-1")).toBe("is an aws ARN, but us-gov-west-1 is in partition aws-us-gov");
    expect(partitionMismatch({ partition: "aws-us-gov" }, "us-gov-east-1")).toBeUndefined();
  });
});

describe("ARN field validators", () => {
  test.each([
    ["a KMS key in China", kmsKeyArn, `arn:aws-cn:kms:cn-north-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ["a KMS key in GovCloud", kmsKeyArn, `arn:aws-us-gov:kms:us-gov-west-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ["an IAM role in China", iamRoleArn, `arn:aws-cn:iam::${A}:role/deploy`],
    ["an IAM role in GovCloud", iamRoleArn, `arn:aws-us-gov:iam::${A}:role/deploy`],
    ["an SSM parameter in China", containerSecretArn, `arn:aws-cn:ssm:cn-northwest-1:${A}:parameter/app/db`],
    ["a target group in GovCloud", targetGroupArn, `arn:aws-us-gov:elasticloadbalancing:us-gov-east-1:${A}:targetgroup/web/0123456789abcdef`],
    ["a cache credential in China", pullThroughCacheCredentialArn, `arn:aws-cn:secretsmanager:cn-north-1:${A}:secret:ecr-pullthroughcache/docker-hub-AbCdEf`],
  ])("accepts %s", (_what, schema, value) => {
    expect(leaf(schema, value)).toEqual([]);
  });

  test.each([
    ["an aws-cn KMS key in us-east-1", kmsKeyArn, `arn:aws-cn:kms:us-east-1:${A}:key/k1`, "is an aws-cn ARN, but us-east-1 is in partition aws"],
    ["an aws KMS key in cn-north-1", kmsKeyArn, `arn:aws:kms:cn-north-1:${A}:key/k1`, "is an aws ARN, but cn-north-1 is in partition aws-cn"],
    ["an aws-us-gov topic in eu-west-1", snsTopicArn, `arn:aws-us-gov:sns:eu-west-1:${A}:alerts`, "is an aws-us-gov ARN, but eu-west-1 is in partition aws"],
    ["an aws secret in us-gov-west-1", containerSecretArn, `arn:aws:secretsmanager:us-gov-west-1:${A}:secret:db`, "is an aws ARN, but us-gov-west-1 is in partition aws-us-gov"],
  ])("refuses %s with one line", (_what, schema, value, message) => {
    expect(leaf(schema, value)).toEqual([message]);
  });

  test.each([
    ["an isolated partition", kmsKeyArn, `arn:aws-iso:kms:us-iso-east-1:${A}:key/k1`, "must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>)"],
    ["an invented partition", iamRoleArn, `arn:aws-cn-x:iam::${A}:role/deploy`, "must be an IAM role ARN"],
    ["an upper-case partition", iamRoleArn, `arn:AWS:iam::${A}:role/deploy`, "must be an IAM role ARN"],
    ["a missing partition", snsTopicArn, `arn::sns:us-east-1:${A}:alerts`, "must be an SNS topic ARN"],
    ["a short account", targetGroupArn, "arn:aws:elasticloadbalancing:us-east-1:1234:targetgroup/web/0123456789abcdef", "must be an ELB target group ARN"],
  ])("refuses %s with its format message only", (_what, schema, value, message) => {
    expect(leaf(schema, value)).toEqual([message]);
  });
});

describe("ARNs against the Regions they are used in", () => {
  it("accepts aws ARNs in a commercial Region, and a container variable that merely holds another partition's ARN", () => {
    expect(
      problems(
        singleEnvironment({
          web: service({
            taskRole: { existingArn: `arn:aws:iam::${A}:role/web` },
            secrets: { DB: `arn:aws:secretsmanager:us-east-1:${A}:secret:db` },
            environment: { PEER_TOPIC: `arn:aws-cn:sns:cn-north-1:${A}:peer` },
          }),
        }),
      ),
    ).toEqual([]);
  });

  it("refuses a China task role in a us-east-1 environment at its path", () => {
    expect(problems(singleEnvironment({ web: service({ taskRole: { existingArn: `arn:aws-cn:iam::${A}:role/web` } }) }))).toEqual([
      "environments.prod.services.web.taskRole.existingArn: is an aws-cn ARN, but us-east-1 is in partition aws",
    ]);
  });

  it("refuses a GovCloud managed policy at its index", () => {
    const web = service({ taskRole: { managedPolicyArns: [`arn:aws:iam::aws:policy/ReadOnlyAccess`, `arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess`] } });
    expect(problems(singleEnvironment({ web }))).toEqual(["environments.prod.services.web.taskRole.managedPolicyArns[1]: is an aws-us-gov ARN, but us-east-1 is in partition aws"]);
  });

  it("refuses a self-consistent China secret in a us-east-1 service", () => {
    expect(problems(singleEnvironment({ web: service({ secrets: { DB: `arn:aws-cn:secretsmanager:cn-north-1:${A}:secret:db` } }) }))).toEqual([
      "environments.prod.services.web.secrets.DB: is an aws-cn ARN, but us-east-1 is in partition aws",
    ]);
  });

  it("reports an ARN that contradicts its own Region once, not once per check", () => {
    expect(problems(singleEnvironment({ web: service({ secretsKmsKeyArns: [`arn:aws-us-gov:kms:us-east-1:${A}:key/k1`] }) }))).toEqual([
      "environments.prod.services.web.secretsKmsKeyArns[0]: is an aws-us-gov ARN, but us-east-1 is in partition aws",
    ]);
  });

  it("checks a per-Region override against its own Region", () => {
    const config = singleEnvironment({ web: service() });
    const region = config.environments.prod!.regions["us-east-1"]!;
    region.services = { web: { repositoryCredentialsArn: `arn:aws-cn:secretsmanager:cn-north-1:${A}:secret:registry` } };
    expect(problems(config)).toEqual(["environments.prod.regions.us-east-1.services.web.repositoryCredentialsArn: is an aws-cn ARN, but us-east-1 is in partition aws"]);
  });

  it("refuses a GovCloud role to assume for an account whose environments run in us-east-1", () => {
    const config = singleEnvironment({ web: service() });
    config.accounts.main = { id: A, assumeRole: { roleArn: `arn:aws-us-gov:iam::${A}:role/deploy` } };
    expect(problems(config)).toEqual(["accounts.main.assumeRole.roleArn: is an aws-us-gov ARN, but us-east-1 is in partition aws"]);
  });

  it("refuses a China role on an ECR-to-ECR rule whose upstream is in us-west-2", () => {
    const config = singleEnvironment({ web: service() });
    config.accounts.main = { id: A, registry: { pullThroughCache: { ecr: { central: { account: "222222222222", region: "us-west-2", roleArn: `arn:aws-cn:iam::${A}:role/ecr-upstream` } } } } };
    expect(problems(config)).toEqual(["accounts.main.registry.pullThroughCache.ecr.central.roleArn: is an aws-cn ARN, but us-west-2 is in partition aws"]);
  });

  it("keeps the format message for a malformed role to assume", () => {
    const config = singleEnvironment({ web: service() });
    config.accounts.main = { id: A, assumeRole: { roleArn: `arn:aws-iso:iam::${A}:role/deploy` } };
    expect(problems(config)).toEqual(["accounts.main.assumeRole.roleArn: must be an IAM role ARN"]);
  });
});
