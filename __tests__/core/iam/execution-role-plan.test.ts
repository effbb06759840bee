import type { PlatformConfigInput } from "../../../config/schema";
import { executionPolicy, planExecutionRoles, pullStatements, roleNameFor, trustEcsTasks } from "../../../core/iam/execution-role-plan";
import { firstLocation, TEST_VPC as VPC } from "../../helpers/plan-steps";

type Services = NonNullable<PlatformConfigInput["environments"][string]["services"]>;

const OWN_IMAGE = "111111111111.dkr.ecr.us-east-1.amazonaws.com/team/api:1.0";
const KEY = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function located(services: Services, env: Partial<PlatformConfigInput["environments"][string]> = {}) {
  return firstLocation({
    accounts: { main: { id: "111111111111", registry: { pullThroughCache: { quay: true } } } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services, ...env } },
  });
}

describe("trustEcsTasks", () => {
  test("only ECS tasks acting for this account and Region may assume the role (confused deputy)", () => {
    expect(trustEcsTasks("111111111111", "eu-west-1")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "111111111111" }, ArnLike: { "aws:SourceArn": "arn:aws:ecs:eu-west-1:111111111111:*" } },
        },
      ],
    });
  });
});

describe("pullStatements", () => {
  test("no ECR image, no pull statements (a direct Docker Hub pull needs no ECR permission)", () => {
    const { services } = located({ web: { image: "nginx:1.27.3", desiredCount: 1, pullDirect: true } });
    expect(pullStatements(services)).toEqual([]);
  });

  test("our own image: authenticate anywhere, pull from its repository only; a cached image may also be imported", () => {
    const { services } = located({ api: { image: OWN_IMAGE, desiredCount: 1 }, tools: { image: "quay.io/team/tools:2", desiredCount: 1 } });
    expect(pullStatements(services)).toEqual([
      { Sid: "AuthenticateToEcr", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      {
        Sid: "PullImages",
        Effect: "Allow",
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Resource: ["arn:aws:ecr:us-east-1:111111111111:repository/quay/team/tools", "arn:aws:ecr:us-east-1:111111111111:repository/team/api"],
      },
      { Sid: "ImportThroughPullThroughCache", Effect: "Allow", Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"], Resource: ["arn:aws:ecr:us-east-1:111111111111:repository/quay/team/tools"] },
    ]);
  });
});

describe("executionPolicy", () => {
  test("a complete secret ARN is granted as written and with the suffix wildcard; a JSON-key selector is not part of the resource", () => {
    const { services } = located({
      api: {
        image: OWN_IMAGE,
        desiredCount: 1,
        secrets: {
          // Ends in "-" and six characters: a complete ARN, or a partial one of a secret named so; both are granted.
          DB: "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf:password::",
          // Partial: AWS appends the 6-character suffix.
          API_KEY: "arn:aws:secretsmanager:us-east-1:111111111111:secret:api/key",
          TOKEN: "arn:aws:ssm:us-east-1:111111111111:parameter/api/token",
        },
      },
    });
    const statements = executionPolicy(services, "111111111111", "us-east-1", [KEY, KEY]).Statement;
    expect(statements.slice(2)).toEqual([
      {
        Sid: "ReadContainerSecrets",
        Effect: "Allow",
        Action: "secretsmanager:GetSecretValue",
        Resource: [
          "arn:aws:secretsmanager:us-east-1:111111111111:secret:api/key-??????",
          "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf",
          "arn:aws:secretsmanager:us-east-1:111111111111:secret:db-AbCdEf-??????",
        ],
      },
      { Sid: "ReadContainerParameters", Effect: "Allow", Action: "ssm:GetParameters", Resource: ["arn:aws:ssm:us-east-1:111111111111:parameter/api/token"] },
      { Sid: "DecryptContainerSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: [KEY] },
      { Sid: "WriteContainerLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: ["arn:aws:logs:us-east-1:111111111111:log-group:/ecs/pullguard/prod/api:*"] },
    ]);
  });

  test("a KMS key with nothing to decrypt is not granted", () => {
    const { services } = located({ api: { image: OWN_IMAGE, desiredCount: 1 } });
    expect(executionPolicy(services, "111111111111", "us-east-1", [KEY]).Statement.map((s) => s.Sid)).toEqual(["AuthenticateToEcr", "PullImages", "WriteContainerLogs"]);
  });
});

describe("planExecutionRoles and roleNameFor", () => {
  const services: Services = { api: { image: OWN_IMAGE, desiredCount: 1 }, web: { image: OWN_IMAGE, desiredCount: 1 } };

  test("one role per service by default, named after stack and service", () => {
    const { ctx, services: planned } = located(services);
    expect(roleNameFor("api", ctx)).toBe("pullguard--prod--api-exec");
    const roles = planExecutionRoles(planned, ctx.env.services, ctx);
    expect(roles.map((r) => [r.name, r.services])).toEqual([
      ["pullguard--prod--api-exec", ["api"]],
      ["pullguard--prod--web-exec", ["web"]],
    ]);
    expect(roles[0]!.trustPolicy).toEqual(trustEcsTasks("111111111111", "us-east-1"));
  });

  test("executionRoles: shared gives one role for every service, writing every service's logs", () => {
    const { ctx, services: planned } = located(services, { executionRoles: "shared" });
    expect(roleNameFor("api", ctx)).toBe("pullguard--prod-task-execution");
    const roles = planExecutionRoles(planned, ctx.env.services, ctx);
    expect(roles.map((r) => [r.name, r.services])).toEqual([["pullguard--prod-task-execution", ["api", "web"]]]);
    expect(roles[0]!.policy.Statement.find((s) => s.Sid === "WriteContainerLogs")!.Resource).toEqual([
      "arn:aws:logs:us-east-1:111111111111:log-group:/ecs/pullguard/prod/api:*",
      "arn:aws:logs:us-east-1:111111111111:log-group:/ecs/pullguard/prod/web:*",
    ]);
  });
});
