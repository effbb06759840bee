import { parseConfig } from "../../config/load";
import type { PlatformConfigInput } from "../../config/schema";
import { planPlatform } from "../../core/plan";

/**
 * Values AWS rejects or reads differently than a config suggests (issue 9, "Values AWS rejects or
 * mis-reads"): each is a config error at its path, or handled the way AWS reads it.
 */
const A = "111111111111";
const VPC = { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", privateSubnetIds: ["subnet-0123456789abcdef0"], privateRouteTableIds: ["rtb-0123456789abcdef0"] };
type Service = NonNullable<PlatformConfigInput["environments"][string]["services"]>[string];

function config(service: Partial<Service> = {}, extra: Partial<PlatformConfigInput> = {}, registry: NonNullable<PlatformConfigInput["accounts"][string]["registry"]> = { pullThroughCache: { ecrPublic: true } }): PlatformConfigInput {
  return {
    accounts: { main: { id: A, registry } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: { image: "public.ecr.aws/nginx/nginx:1.27.3", desiredCount: 2, ...service } } } },
    ...extra,
  };
}

/** Config errors, then plan errors, as "path: message" lines; [] when the config synthesizes. */
function problems(input: PlatformConfigInput): string[] {
  const result = parseConfig(input);
  if (!result.ok) return result.problems.map((p) => `${p.path}: ${p.message}`);
  return planPlatform(result.config)
    .findings.filter((f) => f.level === "error")
    .map((f) => `${f.path}: ${f.message}`);
}

function secretsGrant(input: PlatformConfigInput): unknown {
  const result = parseConfig(input);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  const role = planPlatform(result.config).environments[0]!.executionRoles[0]!;
  return role.policy.Statement.find((s) => s.Sid === "ReadContainerSecrets")?.Resource;
}

describe("container secret ARNs", () => {
  const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:${A}:secret:${name}`;

  test("a partial ARN gets the -?????? wildcard", () => {
    expect(secretsGrant(config({ secrets: { DB: arn("prod/db") } }))).toEqual([arn("prod/db-??????")]);
  });

  test("an ARN whose name ends in -xxxxxx is ambiguous: both forms are granted", () => {
    // "prod/db-AbCdEf" is a complete ARN of "prod/db", or a partial ARN of a secret named "prod/db-AbCdEf".
    expect(secretsGrant(config({ secrets: { DB: arn("prod/db-AbCdEf") } }))).toEqual([arn("prod/db-AbCdEf"), arn("prod/db-AbCdEf-??????")]);
  });

  test("the :jsonkey:stage:version form is accepted and the grant is on the secret without it", () => {
    expect(problems(config({ secrets: { DB_USER: arn("prod/db-AbCdEf:username::"), DB_PASS: arn("prod/db-AbCdEf:password:AWSCURRENT:") } }))).toEqual([]);
    expect(secretsGrant(config({ secrets: { DB_USER: arn("prod/db-AbCdEf:username::") } }))).toEqual([arn("prod/db-AbCdEf"), arn("prod/db-AbCdEf-??????")]);
    expect(secretsGrant(config({ secrets: { DB_USER: arn("prod/db:username::") } }))).toEqual([arn("prod/db-??????")]);
  });

  test("more than three suffix fields are refused", () => {
    expect(problems(config({ secrets: { X: arn("prod/db-AbCdEf:a:b:c:d") } }))).toEqual([
      "environments.prod.services.web.secrets.X: must be a Secrets Manager secret ARN (optionally with :json-key:version-stage:version-id) or an SSM parameter ARN",
    ]);
  });
});

describe("registry settings", () => {
  const create = (recoveryWindowDays: number) => config({}, {}, { pullThroughCache: { ghcr: { credential: { source: "create", recoveryWindowDays } }, ecrPublic: true } });

  test.each([1, 6, 31])("recoveryWindowDays %i is refused (0 or 7-30)", (days) => {
    expect(problems(create(days))).toEqual([`accounts.main.registry.pullThroughCache.ghcr.credential.recoveryWindowDays: must be 0 (delete at once) or 7 to 30 days (Secrets Manager), got ${days}`]);
  });

  test.each([0, 7, 30])("recoveryWindowDays %i is accepted", (days) => {
    expect(problems(create(days))).toEqual([]);
  });

  test("ENHANCED scanning takes SCAN_ON_PUSH or CONTINUOUS_SCAN, not MANUAL", () => {
    expect(problems(config({}, {}, { pullThroughCache: { ecrPublic: true }, scanning: { type: "ENHANCED", frequency: "MANUAL" } }))).toEqual([
      "accounts.main.registry.scanning.frequency: MANUAL needs type BASIC; ENHANCED scans on push or continuously",
    ]);
  });

  test("replication filters are 2+ characters and may end in /", () => {
    const rules = (prefix: string) => config({}, { accounts: { main: { id: A, registry: { pullThroughCache: { ecrPublic: true }, replicationRules: [{ sourceRegion: "us-east-1", destinations: [{ account: "main", region: "us-west-2" }], repositoryPrefixes: [prefix] }] } } } });
    expect(problems(rules("team/"))).toEqual([]);
    expect(problems(rules("a"))).toEqual(["accounts.main.registry.replicationRules[0].repositoryPrefixes[0]: must be at least 2 characters (ECR replication filter)"]);
  });

  test("an ECR-to-ECR role must be in the registry's own account; a same-account rule needs none", () => {
    const ecr = (upstreamAccount: string, roleArn?: string) =>
      config({}, {}, { pullThroughCache: { ecrPublic: true, ecr: { team: { account: upstreamAccount, region: "us-west-2", ...(roleArn ? { roleArn } : {}) } } } });
    expect(problems(ecr("222222222222", "arn:aws:iam::222222222222:role/puller"))).toEqual([
      "accounts.main.registry.pullThroughCache.ecr.team.roleArn: is in account 222222222222, but ECR assumes it for registry 111111111111; the role must be in the registry's own account",
    ]);
    expect(problems(ecr("222222222222"))).toEqual([
      "accounts.main.registry.pullThroughCache.ecr.team.roleArn: is required: a cross-account ECR-to-ECR rule needs a role in account 111111111111 that may pull from 222222222222",
    ]);
    expect(problems(ecr(A))).toEqual([]);
    expect(problems(ecr("222222222222", `arn:aws:iam::${A}:role/puller`))).toEqual([]);
  });
});

describe("task definitions", () => {
  test("container definitions over 64 KiB are refused at the field that grew them", () => {
    const environment: Record<string, string> = {};
    for (let i = 0; i < 700; i++) environment[`SETTING_${i}`] = "v".repeat(100);
    const lines = problems(config({ environment }));
    // Each entry is {"name":"SETTING_i","value":"<100 v>"}: 122 bytes + the name (9 characters for i < 10,
    // 10 below 100, 11 from 100), so 10 x 131 + 90 x 132 + 600 x 133 = 92,990, + 699 commas = 93,689.
    // The definition with no variables renders as 304 bytes (see task-definition-size.test.ts), so
    // 304 + 93,689 + 1,024 for the task's other fields = 95,017; "environment":[...] is 14 + 2 + 93,689 = 93,705.
    expect(lines).toEqual([
      "environments.prod.services.web.environment: grows the task definition to 95017 bytes (container definitions as rendered + 1024 for the task's other fields); ECS allows 65536 (64 KiB). This field is its largest part (93705 bytes of web's environment): move large values into the image, a file, or secrets",
    ]);
  });

  test.each([
    [196608, []],
    [200000, ["environments.prod.services.web.cpu: must be at most 196608 (192 vCPU, the ECS limit for a task on EC2)"]],
  ])("EC2 task cpu %i", (cpu, expected) => {
    // On 192-vCPU instances, so the largest task ECS accepts also fits the instance.
    const input = config({ launchType: "EC2", cpu, memory: 2048 });
    input.environments.prod!.ec2Capacity = { instanceType: "m7i.48xlarge" };
    expect(problems(input)).toEqual(expected);
  });
});

describe("tags", () => {
  test("managed-by, environment and pullguard-stack cannot be set in config (pullguard sets them)", () => {
    expect(problems(config({}, { tags: { "managed-by": "someone" } }))).toEqual(["tags.managed-by: is set by pullguard on every resource; choose another key"]);
  });

  test("at most 47 tags: AWS allows 50 per resource (IAM roles included) and pullguard adds 3", () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 48; i++) many[`k${i}`] = "v";
    expect(problems(config({}, { tags: many }))).toEqual(["tags: has 48 tags; with managed-by, environment and pullguard-stack that is 51, over AWS's 50 per resource"]);
  });

  test("the platform's and an environment's tags together count against the 50", () => {
    const platformTags: Record<string, string> = {};
    const envTags: Record<string, string> = {};
    for (let i = 0; i < 30; i++) platformTags[`p${i}`] = "v";
    for (let i = 0; i < 20; i++) envTags[`e${i}`] = "v";
    const input = config({}, { tags: platformTags });
    input.environments.prod!.tags = envTags;
    expect(problems(input)).toEqual(["environments.prod.tags: with the platform's tags and pullguard's own gives 53 tags per resource; AWS allows 50"]);
  });

  test("tag keys and values outside AWS's characters are refused", () => {
    expect(problems(config({}, { tags: { "a!": "x" } }))).toEqual(["tags.a!: tag keys may use letters, digits, spaces and _ . : / = + - @"]);
    expect(problems(config({}, { tags: { a: "x#y" } }))).toEqual(["tags.a: tag values may use letters, digits, spaces and _ . : / = + - @"]);
  });
});

describe("S3 backend buckets", () => {
  test.each([
    ["my..bucket", "must not contain two adjacent periods"],
    ["192.168.1.1", "must not be formatted as an IP address"],
    ["xn--bucket", "must not begin with xn--, sthree- or amzn-s3-demo-"],
    ["bucket-s3alias", "must not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3"],
  ])("%s is refused", (bucket, message) => {
    expect(problems(config({}, { backend: { type: "s3", bucket, region: "us-east-1" } }))).toEqual([`backend.bucket: ${message}`]);
  });
});

describe("Regions in ECR image hosts", () => {
  test.each([
    [`${A}.dkr.ecr.xx-fake-9.amazonaws.com/app:1`, "xx-fake-9", 'must be a known AWS Region (e.g. us-east-1), got "xx-fake-9"'],
    [`${A}.dkr.ecr.us-gov-west-1.amazonaws.com/app:1`, "us-gov-west-1", "must be a commercial AWS Region: ECR pull-through cache is not available in China, GovCloud or isolated Regions"],
    [`${A}.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1`, "cn-north-1", "must be a commercial AWS Region: ECR pull-through cache is not available in China, GovCloud or isolated Regions"],
  ])("%s goes through the Region check", (image, region, message) => {
    expect(problems(config({ image }))).toEqual([`environments.prod.services.web.image: "${image}" names ECR Region "${region}", which ${message}`]);
  });
});

describe("plaintext secrets in environment", () => {
  test.each([
    ["DB_PASSWORD", "hunter2"],
    ["API_KEY", "abc"],
    ["GITHUB_TOKEN", "abc"],
    ["AWS_SECRET_ACCESS_KEY", "abc"],
    ["CLIENT_SECRET", "abc"],
  ])("%s by name", (name, value) => {
    const lines = problems(config({ environment: { [name]: value } }));
    expect(lines).toEqual([`environments.prod.services.web.environment.${name}: looks like a secret by its name; plaintext environment values end up in the task definition and Terraform state: move it to secrets (a Secrets Manager or SSM ARN)`]);
    expect(lines.join("\n")).not.toContain(value);
  });

  test.each([
    ["AKIAIOSFODNN7EXAMPLE", "an AWS access key id"],
    ["ASIAIOSFODNN7EXAMPLE", "an AWS access key id"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIE", "a private key"],
    ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "a JSON Web Token"],
  ])("a value shaped like %s", (value, shape) => {
    const lines = problems(config({ environment: { SETTING: value } }));
    expect(lines).toEqual([`environments.prod.services.web.environment.SETTING: its value looks like ${shape}; plaintext environment values end up in the task definition and Terraform state: move it to secrets (a Secrets Manager or SSM ARN)`]);
    expect(lines.join("\n")).not.toContain(value.slice(0, 12));
  });

  test("ordinary settings pass", () => {
    expect(problems(config({ environment: { LOG_LEVEL: "info", TOKEN_TTL_SECONDS: "3600", PASSWORD_MIN_LENGTH: "12" } }))).toEqual([]);
  });
});
