/**
 * The VPC endpoints the planner gives an environment stack (no cdktf): which services need
 * which endpoint, turned off, existing or restricted to the account.
 * Facts: docs/aws-facts.md.
 */
import { isAllowed } from "../../../core/iam/evaluation";
import type { PlatformPlan } from "../../../core/model/plan-types";
import { byRule, environment, input, KMS_KEY, list, parameterArn, REGION, repoArn, secretArn } from "../../helpers/environment-plan";
import { A, B, errors, plan, warnings } from "../../helpers/registry-config";

describe("VPC endpoints", () => {
  const summary = (p: PlatformPlan) => environment(p).endpoints.map((e) => [e.service, e.type, e.mode]);

  it("always plans ecr.api, ecr.dkr (Interface) and s3 (Gateway), and logs when services run", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 } }));
    expect(summary(p)).toEqual([
      ["ecr.api", "Interface", "create"],
      ["ecr.dkr", "Interface", "create"],
      ["s3", "Gateway", "create"],
      ["logs", "Interface", "create"],
    ]);
    expect(environment(p).endpoints.map((e) => e.serviceName)).toEqual([
      "com.amazonaws.us-east-1.ecr.api",
      "com.amazonaws.us-east-1.ecr.dkr",
      "com.amazonaws.us-east-1.s3",
      "com.amazonaws.us-east-1.logs",
    ]);
    for (const e of environment(p).endpoints) expect(e.policy).toBeUndefined();
  });

  it("plans no logs endpoint for an environment without services", () => {
    expect(summary(plan(input({})))).toEqual([
      ["ecr.api", "Interface", "create"],
      ["ecr.dkr", "Interface", "create"],
      ["s3", "Gateway", "create"],
    ]);
  });

  it("adds secretsmanager for a Secrets Manager container secret", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2, secrets: { DB: secretArn("prod/db-AbCdEf") } } }));
    expect(environment(p).endpoints.map((e) => e.service)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager"]);
  });

  it("adds secretsmanager for repositoryCredentials on a sidecar", () => {
    const p = plan(
      input({
        web: {
          image: "nginx:1.27.3",
          desiredCount: 2,
          sidecars: { agent: { image: "registry.example.com/agent:1.0.0", pullDirect: true, repositoryCredentialsArn: secretArn("registry/example-AbCdEf") } },
        },
      }),
    );
    expect(errors(p)).toEqual([]);
    expect(environment(p).endpoints.map((e) => e.service)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager"]);
  });

  it("adds ssm, not secretsmanager, for SSM parameters", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2, secrets: { TOKEN: parameterArn("prod/token") } } }));
    expect(environment(p).endpoints.map((e) => e.service)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs", "ssm"]);
  });

  it("adds kms only with secretsKmsKeyArns", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2, secrets: { DB: secretArn("prod/db-AbCdEf") }, secretsKmsKeyArns: [KMS_KEY] } }));
    expect(environment(p).endpoints.map((e) => e.service)).toEqual(["ecr.api", "ecr.dkr", "s3", "logs", "secretsmanager", "kms"]);
  });

  it("adds ecs, ecs-agent and ecs-telemetry only with an EC2 service", () => {
    const fargate = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 } }));
    expect(environment(fargate).endpoints.some((e) => e.service.startsWith("ecs"))).toBe(false);
    const ec2 = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 }, cache: { image: "bitnami/redis:7.2", desiredCount: 1, launchType: "EC2" } }));
    expect(environment(ec2).endpoints.map((e) => [e.service, e.serviceName, e.type])).toEqual([
      ["ecr.api", "com.amazonaws.us-east-1.ecr.api", "Interface"],
      ["ecr.dkr", "com.amazonaws.us-east-1.ecr.dkr", "Interface"],
      ["s3", "com.amazonaws.us-east-1.s3", "Gateway"],
      ["logs", "com.amazonaws.us-east-1.logs", "Interface"],
      ["ecs", "com.amazonaws.us-east-1.ecs", "Interface"],
      ["ecs-agent", "com.amazonaws.us-east-1.ecs-agent", "Interface"],
      ["ecs-telemetry", "com.amazonaws.us-east-1.ecs-telemetry", "Interface"],
    ]);
  });

  it("warns PG-ENDPOINT-OFF and plans nothing for a needed endpoint turned off", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 } }, { endpoints: { ecrDkr: "off", ssm: "off" } }));
    expect(environment(p).endpoints.map((e) => e.service)).toEqual(["ecr.api", "s3", "logs"]);
    // ssm is not needed: turning it off is silent.
    expect(warnings(p)).toEqual([
      {
        level: "warning",
        path: "environments.prod.endpoints.ecrDkr",
        message: "is off, but Docker registry API for image pulls needs it: that traffic leaves through NAT",
        stack: "prod",
        rule: "PG-ENDPOINT-OFF",
      },
    ]);
  });

  it("references an existing endpoint and creates an unneeded one on request", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 } }, { endpoints: { ecrApi: { existingId: "vpce-0123456789abcdef0" }, ssm: "create" } }));
    const endpoints = environment(p).endpoints;
    expect(endpoints.find((e) => e.service === "ecr.api")).toMatchObject({ mode: "existing", existingId: "vpce-0123456789abcdef0" });
    expect(endpoints.find((e) => e.service === "ssm")).toMatchObject({ mode: "create", type: "Interface", reason: "requested in config" });
    expect(endpoints.find((e) => e.service === "ecr.dkr")!.existingId).toBeUndefined();
  });

  it("restricts ECR endpoints to the account's repositories and keeps the ECR layer bucket on S3", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 } }, { endpoints: { restrictToAccount: true } }));
    const endpoints = environment(p).endpoints;
    for (const service of ["ecr.api", "ecr.dkr"]) {
      const policy = endpoints.find((e) => e.service === service)!.policy!;
      expect(policy).toBeDefined();
      for (const statement of policy.Statement) {
        expect(statement.Condition).toEqual({ StringEquals: { "aws:PrincipalAccount": A } });
        expect(statement.Effect).toBe("Allow");
      }
      const resources = policy.Statement.flatMap((s) => list(s.Resource));
      expect(resources.sort()).toEqual(["*", `arn:aws:ecr:${REGION}:${A}:repository/*`]);
      // Conditions are evaluated: the caller's account is part of the request.
      const own = { "aws:PrincipalAccount": A };
      expect(isAllowed(policy, "ecr:BatchGetImage", repoArn("docker-hub/library/nginx"), own)).toBe(true);
      expect(isAllowed(policy, "ecr:BatchImportUpstreamImage", repoArn("docker-hub/library/nginx"), own)).toBe(true);
      expect(isAllowed(policy, "ecr:BatchGetImage", repoArn("docker-hub/library/nginx"), { "aws:PrincipalAccount": B })).toBe(false);
      expect(isAllowed(policy, "ecr:BatchGetImage", repoArn("orders", B), own)).toBe(false);
      expect(isAllowed(policy, "ecr:BatchGetImage", repoArn("orders", A, "us-west-2"), own)).toBe(false);
      expect(isAllowed(policy, "ecr:PutImage", repoArn("orders"), own)).toBe(false);
    }
    const s3 = endpoints.find((e) => e.service === "s3")!.policy!;
    expect(isAllowed(s3, "s3:GetObject", `arn:aws:s3:::prod-${REGION}-starport-layer-bucket/some/layer`)).toBe(true);
    const layers = s3.Statement.find((s) => list(s.Resource).includes(`arn:aws:s3:::prod-${REGION}-starport-layer-bucket/*`))!;
    expect(layers.Condition).toBeUndefined();
    expect(endpoints.find((e) => e.service === "logs")!.policy).toBeUndefined();
  });

  it("skips the kms endpoint when a service lists keys but has no secrets to decrypt", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2, secretsKmsKeyArns: [KMS_KEY] } }));
    expect(environment(p).endpoints.map((e) => e.service)).not.toContain("kms");
  });

  it("refuses a restricted ECR endpoint policy that would block a direct pull from another account", () => {
    const blocked = plan(
      input({ api: { image: `${B}.dkr.ecr.${REGION}.amazonaws.com/shared/api:1.0`, pullDirect: true, desiredCount: 2 } }, { endpoints: { restrictToAccount: true } }),
    );
    expect(byRule(blocked, "PG-ENDPOINT-POLICY-BLOCKS-PULL")).toEqual([
      expect.objectContaining({ level: "error", path: "environments.prod.endpoints.restrictToAccount", message: expect.stringContaining(`from account ${B}`) }),
    ]);
    const open = plan(input({ api: { image: `${B}.dkr.ecr.${REGION}.amazonaws.com/shared/api:1.0`, pullDirect: true, desiredCount: 2 } }));
    expect(byRule(open, "PG-ENDPOINT-POLICY-BLOCKS-PULL")).toEqual([]);
    const own = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 } }, { endpoints: { restrictToAccount: true } }));
    expect(byRule(own, "PG-ENDPOINT-POLICY-BLOCKS-PULL")).toEqual([]);
  });
});
