/**
 * diagnose outside the aws partition: evidence from China (aws-cn) and GovCloud (aws-us-gov). The
 * planner refuses those Regions (no pull-through cache there), so the plan link is built by hand:
 * a fix still names the partition's ARNs, and Regions are read from any partition's ARNs.
 */
import { diagnose, readEvidenceFile, type Evidence, type PlanLink, type ServiceLink } from "../../../core/diagnose";
import { arnsIn, regionOfArn } from "../../../core/diagnose/arns";
import { imageOf } from "../../../core/diagnose/causes/shared";

/** A service whose execution role allows exactly the (action, resource) pairs given, and records what it was asked. */
function fakeService(region: string, environment: string, granted: readonly string[], asked: string[]): ServiceLink {
  return {
    environment,
    region,
    clusterName: `${environment}-cluster`,
    accountAlias: "main",
    configPath: `environments.${environment}.services.orders`,
    desiredCount: 2,
    launchType: "FARGATE",
    rollout: {
      minimumHealthyPercent: 100,
      maximumPercent: 200,
      concurrentStarts: 2,
      budget: 10,
      overridden: false,
      withinBudget: { minimumHealthyPercent: 100, maximumPercent: 200, concurrentStarts: 2 },
    },
    images: [],
    executionRoleName: `${environment}-orders-execution`,
    allows: (action, resource = "*") => {
      asked.push(`${action} ${resource}`);
      return granted.includes(`${action} ${resource}`);
    },
    endpoints: [],
    cacheRules: [],
  };
}

const linkTo = (...services: ServiceLink[]): PlanLink => ({
  services: (name) => (name === "orders" ? services : []),
  locations: services.map((s) => ({ environment: s.environment, region: s.region, clusterName: s.clusterName, cachePrefixes: [] })),
});

const stopped = (text: string, taskArn: string): Evidence => ({ source: "stopped-task", origin: "tasks.json", time: "2026-03-04T14:10:09Z", service: "orders", taskArn, text });

describe("China (aws-cn)", () => {
  const image = "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/orders:1.4.0";
  const repositoryArn = "arn:aws-cn:ecr:cn-north-1:111122223333:repository/orders";
  const text = `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: unexpected status code 403 Forbidden: User: arn:aws-cn:sts::111122223333:assumed-role/orders-execution/abc is not authorized to perform: ecr:BatchGetImage on resource: ${repositoryArn}`;

  test("the IAM fix asks about and names the repository ARN in the aws-cn partition", () => {
    const asked: string[] = [];
    const link = linkTo(fakeService("cn-north-1", "prod", [`ecr:BatchGetImage ${repositoryArn}`], asked));
    const cause = diagnose([stopped(text, "arn:aws-cn:ecs:cn-north-1:111122223333:task/prod-cluster/0123456789abcdef0123456789abcdef")], { link }).windows[0]!.causes[0]!;
    expect(cause.id).toBe("iam-repository-pull");
    expect(cause.detail).toEqual({ action: "ecr:BatchGetImage", image });
    expect(asked).toEqual([`ecr:BatchGetImage ${repositoryArn}`]);
    expect(cause.fix).toEqual({
      configPath: "environments.prod.services.orders",
      change: "execution role prod-orders-execution allows ecr:BatchGetImage",
      explanation: `the running execution role lacks ecr:BatchGetImage on ${repositoryArn}; the role this config generates grants it: apply the environment stack`,
      status: "fixed",
    });
  });

  test("an image in a China registry is recognised in a message", () => {
    expect(imageOf(`failed to resolve ref ${image}: not found`)).toBe(image);
  });

  test("the Region of an aws-cn task ARN picks the location when a service runs in two Regions", () => {
    const asked: string[] = [];
    const inBeijing = fakeService("cn-north-1", "prod", [], asked);
    const inNingxia = fakeService("cn-northwest-1", "prod", [], []);
    const link = linkTo(inNingxia, inBeijing);
    const fix = diagnose([stopped(text, "arn:aws-cn:ecs:cn-north-1:111122223333:task/prod-cluster/0123456789abcdef0123456789abcdef")], { link }).windows[0]!.causes[0]!.fix;
    expect(fix?.status).toBe("not-fixed");
    // Only the Beijing service's role was consulted.
    expect(asked).toEqual([`ecr:BatchGetImage ${repositoryArn}`]);
  });

  test("describe-services in aws-cn: the Region comes from the service ARN", () => {
    const doc = { services: [{ serviceName: "orders", serviceArn: "arn:aws-cn:ecs:cn-northwest-1:111122223333:service/prod-cluster/orders", events: [{ createdAt: 1772632931, message: "(service orders) has started 2 tasks: (task 0123456789abcdef0123456789abcdef)." }] }] };
    const read = readEvidenceFile(Buffer.from(JSON.stringify(doc)), "services.json");
    expect(read.ok && read.evidence.map((e) => e.region)).toEqual(["cn-northwest-1"]);
  });
});

describe("GovCloud (aws-us-gov)", () => {
  const secretArn = "arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:prod/orders/database-AbCdEf";
  const text = `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws-us-gov:sts::111122223333:assumed-role/orders-execution/abc is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secretArn} because no identity-based policy allows the secretsmanager:GetSecretValue action`;

  test("the secret's aws-us-gov ARN is found in the message and checked against the role", () => {
    const asked: string[] = [];
    const link = linkTo(fakeService("us-gov-west-1", "prod", [], asked));
    const cause = diagnose([stopped(text, "arn:aws-us-gov:ecs:us-gov-west-1:111122223333:task/prod-cluster/0123456789abcdef0123456789abcdef")], { link }).windows[0]!.causes[0]!;
    expect(cause.id).toBe("resource-init-iam");
    expect(asked).toEqual([`secretsmanager:GetSecretValue ${secretArn}`]);
    expect(cause.fix).toMatchObject({
      configPath: "environments.prod.services.orders.secrets",
      change: `execution role prod-orders-execution allows secretsmanager:GetSecretValue on ${secretArn}`,
      status: "not-fixed",
    });
  });

  test("arnsIn finds the ARNs of every partition in order and skips look-alikes", () => {
    expect(arnsIn(text)).toEqual(["arn:aws-us-gov:sts::111122223333:assumed-role/orders-execution/abc", secretArn]);
    expect(arnsIn("arn:aws-cn:ecs:cn-north-1:111122223333:cluster/a, 'arn:aws:iam::111122223333:role/x' and arn:other:thing")).toEqual([
      "arn:aws-cn:ecs:cn-north-1:111122223333:cluster/a",
      "arn:aws:iam::111122223333:role/x",
    ]);
  });

  test.each([
    ["arn:aws-us-gov:ecs:us-gov-east-1:111122223333:task/c/0123", "us-gov-east-1"],
    ["arn:aws-cn:ecs:cn-north-1:111122223333:service/c/orders", "cn-north-1"],
    ["arn:aws:ecs:eu-west-1:111122223333:cluster/c", "eu-west-1"],
    ["arn:aws-us-gov:iam::111122223333:role/x", undefined], // global: no Region
    ["0123456789abcdef0123456789abcdef", undefined], // a bare task id
    [undefined, undefined],
  ])("regionOfArn(%s) is %s", (arn, region) => {
    expect(regionOfArn(arn)).toBe(region);
  });
});
