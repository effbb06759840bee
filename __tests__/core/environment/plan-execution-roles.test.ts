/**
 * Task execution roles and the EC2 container-instance role as the planner writes them (no
 * cdktf), their policies evaluated as data.
 * Facts: docs/aws-facts.md.
 */
import type { PolicyDocument, PolicyStatement } from "../../../core/model/policy-types";
import { isAllowed } from "../../../core/iam/evaluation";
import { environment, HOST, input, KMS_KEY, list, OTHER_KMS_KEY, parameterArn, REGION, repoArn, role, secretArn, service } from "../../helpers/environment-plan";
import { A, B, errors, plan, vpc } from "../../helpers/registry-config";

describe("task execution roles", () => {
  const p = plan(
    input({
      web: { image: "nginx:1.27.3", desiredCount: 2, secrets: { DB: secretArn("prod/web/db-AbCdEf"), KEY: secretArn("prod/web/api-key") } },
      orders: {
        image: `${HOST}/orders:3f9c2d1`,
        desiredCount: 2,
        secrets: { TOKEN: parameterArn("prod/orders/token") },
        secretsKmsKeyArns: [KMS_KEY],
        sidecars: { "log-router": { image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4" } },
      },
    }),
  );
  const repos: Record<string, { cache: string[]; own: string[] }> = {
    web: { cache: [repoArn("ecr-public/docker/library/nginx")], own: [] },
    orders: { cache: [repoArn("ecr-public/aws-observability/aws-for-fluent-bit")], own: [repoArn("orders")] },
  };
  const PULL = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"];
  const IMPORT = ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"];

  it("plans without errors, one role per service", () => {
    expect(errors(p)).toEqual([]);
    expect(environment(p).executionRoles.map((r) => [r.name, r.services])).toEqual([
      ["pullguard--prod--orders-exec", ["orders"]],
      ["pullguard--prod--web-exec", ["web"]],
    ]);
    expect(service(p, "web").executionRoleName).toBe("pullguard--prod--web-exec");
  });

  it.each(["web", "orders"])("lets %s authenticate and pull exactly its repositories", (name) => {
    const policy = role(p, `pullguard--prod--${name}-exec`).policy;
    expect(isAllowed(policy, "ecr:GetAuthorizationToken", "*")).toBe(true);
    const all = [...repos[name]!.cache, ...repos[name]!.own];
    for (const arn of all) for (const action of PULL) expect([action, arn, isAllowed(policy, action, arn)]).toEqual([action, arn, true]);
    const pullStatement = policy.Statement.find((s) => list(s.Action).includes("ecr:BatchGetImage"))!;
    expect([...list(pullStatement.Resource)]).toEqual([...all].sort());
    for (const arn of repos[name]!.cache) for (const action of IMPORT) expect([action, arn, isAllowed(policy, action, arn)]).toEqual([action, arn, true]);
    for (const arn of repos[name]!.own) for (const action of IMPORT) expect([action, arn, isAllowed(policy, action, arn)]).toEqual([action, arn, false]);
    // Cache imports are scoped to the cached repositories, not the whole prefix.
    expect(isAllowed(policy, "ecr:CreateRepository", repoArn("docker-hub/library/something-else"))).toBe(false);
  });

  it.each(["web", "orders"])("denies %s everything else", (name) => {
    const policy = role(p, `pullguard--prod--${name}-exec`).policy;
    const other = name === "web" ? "orders" : "web";
    for (const arn of [...repos[name]!.cache, ...repos[name]!.own]) {
      expect(isAllowed(policy, "ecr:PutImage", arn)).toBe(false);
      expect(isAllowed(policy, "ecr:InitiateLayerUpload", arn)).toBe(false);
      expect(isAllowed(policy, "ecr:DeleteRepository", arn)).toBe(false);
    }
    expect(isAllowed(policy, "ecr:BatchGetImage", repoArn("orders", B))).toBe(false);
    expect(isAllowed(policy, "ecr:BatchGetImage", repoArn("ecr-public/docker/library/nginx", B))).toBe(false);
    for (const arn of [...repos[other]!.cache, ...repos[other]!.own]) expect(isAllowed(policy, "ecr:BatchGetImage", arn)).toBe(false);
    expect(isAllowed(policy, "secretsmanager:GetSecretValue", secretArn("prod/unrelated-AbCdEf"))).toBe(false);
    expect(isAllowed(policy, "ssm:GetParameters", parameterArn("prod/unrelated"))).toBe(false);
    expect(isAllowed(policy, "logs:PutLogEvents", `arn:aws:logs:${REGION}:${A}:log-group:/ecs/pullguard/prod/${other}:log-stream:x`)).toBe(false);
    expect(isAllowed(policy, "logs:PutLogEvents", `arn:aws:logs:${REGION}:${A}:log-group:/ecs/pullguard/prod/${name}:log-stream:${name}/${name}/abc`)).toBe(true);
    expect(isAllowed(policy, "logs:CreateLogGroup", `arn:aws:logs:${REGION}:${A}:log-group:/ecs/pullguard/prod/${name}`)).toBe(false);
    expect(isAllowed(policy, "iam:PassRole", "*")).toBe(false);
    expect(isAllowed(policy, "kms:Decrypt", OTHER_KMS_KEY)).toBe(false);
  });

  it("has no wildcard action, and Resource * only for ecr:GetAuthorizationToken", () => {
    for (const r of environment(p).executionRoles) {
      for (const statement of r.policy.Statement) {
        for (const action of list(statement.Action)) expect(action).not.toContain("*");
        expect(statement.Effect).toBe("Allow");
        if (list(statement.Resource).some((res) => res === "*")) expect(statement).toMatchObject({ Action: "ecr:GetAuthorizationToken", Resource: "*" });
      }
    }
  });

  it("reads exactly the service's secrets, with a wildcard for a partial Secrets Manager ARN", () => {
    const web = role(p, "pullguard--prod--web-exec").policy;
    const read = web.Statement.find((s) => list(s.Action).includes("secretsmanager:GetSecretValue"))!;
    // "db-AbCdEf" may be complete or the partial ARN of a secret named so: both forms (see aws-values.test.ts).
    expect(read.Resource).toEqual([secretArn("prod/web/api-key-??????"), secretArn("prod/web/db-AbCdEf"), secretArn("prod/web/db-AbCdEf-??????")]);
    expect(isAllowed(web, "secretsmanager:GetSecretValue", secretArn("prod/web/api-key-XyZ123"))).toBe(true);
    expect(isAllowed(web, "secretsmanager:GetSecretValue", secretArn("prod/web/api-key-other-XyZ123"))).toBe(false);
    expect(isAllowed(web, "secretsmanager:GetSecretValue", secretArn("prod/web/db-AbCdEf"))).toBe(true);
    expect(isAllowed(web, "secretsmanager:GetSecretValue", secretArn("prod/web/db-ZzZzZz"))).toBe(false);
    const orders = role(p, "pullguard--prod--orders-exec").policy;
    expect(isAllowed(orders, "ssm:GetParameters", parameterArn("prod/orders/token"))).toBe(true);
    expect(isAllowed(orders, "secretsmanager:GetSecretValue", secretArn("prod/web/db-AbCdEf"))).toBe(false);
  });

  it("grants kms:Decrypt only on secretsKmsKeyArns", () => {
    const orders = role(p, "pullguard--prod--orders-exec").policy;
    expect(isAllowed(orders, "kms:Decrypt", KMS_KEY)).toBe(true);
    expect(isAllowed(orders, "kms:Decrypt", OTHER_KMS_KEY)).toBe(false);
    const web = role(p, "pullguard--prod--web-exec").policy;
    expect(web.Statement.some((s) => list(s.Action).some((a) => a.startsWith("kms:")))).toBe(false);
  });

  it("trusts ecs-tasks.amazonaws.com for this account and Region only", () => {
    for (const r of environment(p).executionRoles) {
      expect(r.trustPolicy.Statement).toEqual([
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": A },
            ArnLike: { "aws:SourceArn": `arn:aws:ecs:${REGION}:${A}:*` },
          },
        },
      ]);
    }
  });

  it("shares one role across the environment in shared mode", () => {
    const shared = plan(
      input(
        {
          web: { image: "nginx:1.27.3", desiredCount: 2 },
          orders: { image: `${HOST}/orders:3f9c2d1`, desiredCount: 2 },
        },
        { executionRoles: "shared" },
      ),
    );
    const roles = environment(shared).executionRoles;
    expect(roles.map((r) => [r.name, r.services])).toEqual([["pullguard--prod-task-execution", ["orders", "web"]]]);
    expect(environment(shared).services.map((s) => s.executionRoleName)).toEqual(["pullguard--prod-task-execution", "pullguard--prod-task-execution"]);
    const policy = roles[0]!.policy;
    for (const arn of [repoArn("ecr-public/docker/library/nginx"), repoArn("orders")]) expect(isAllowed(policy, "ecr:BatchGetImage", arn)).toBe(true);
    expect(isAllowed(policy, "ecr:BatchImportUpstreamImage", repoArn("ecr-public/docker/library/nginx"))).toBe(true);
    expect(isAllowed(policy, "ecr:BatchImportUpstreamImage", repoArn("orders"))).toBe(false);
    for (const group of ["web", "orders"]) {
      expect(isAllowed(policy, "logs:PutLogEvents", `arn:aws:logs:${REGION}:${A}:log-group:/ecs/pullguard/prod/${group}:log-stream:x`)).toBe(true);
    }
  });

  it("lets the EC2 container-instance role pull EC2 services' images and register with its cluster only", () => {
    const ec2 = plan(
      input({
        web: { image: "nginx:1.27.3", desiredCount: 2 },
        cache: { image: "bitnami/redis:7.2", desiredCount: 1, launchType: "EC2" },
        metrics: { image: `${HOST}/metrics:1.0.0`, desiredCount: 1, launchType: "EC2" },
      }),
    );
    expect(errors(ec2)).toEqual([]);
    const capacity = environment(ec2).ec2Capacity!;
    expect(capacity.instanceRole.name).toBe("pullguard--prod-container-instance");
    expect(capacity.instanceRole.trustPolicy.Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    const policy: PolicyDocument = capacity.instanceRole.policy;
    expect(isAllowed(policy, "ecr:GetAuthorizationToken", "*")).toBe(true);
    for (const action of PULL) {
      expect(isAllowed(policy, action, repoArn("docker-hub/bitnami/redis"))).toBe(true);
      expect(isAllowed(policy, action, repoArn("metrics"))).toBe(true);
      // Fargate images are the execution role's business only.
      expect(isAllowed(policy, action, repoArn("ecr-public/docker/library/nginx"))).toBe(false);
    }
    expect(isAllowed(policy, "ecr:BatchImportUpstreamImage", repoArn("docker-hub/bitnami/redis"))).toBe(true);
    expect(isAllowed(policy, "ecr:CreateRepository", repoArn("docker-hub/bitnami/redis"))).toBe(true);
    expect(isAllowed(policy, "ecr:BatchImportUpstreamImage", repoArn("metrics"))).toBe(false);

    const cluster = `arn:aws:ecs:${REGION}:${A}:cluster/pullguard--prod`;
    for (const action of ["ecs:RegisterContainerInstance", "ecs:DeregisterContainerInstance", "ecs:SubmitTaskStateChange", "ecs:SubmitContainerStateChange"]) {
      expect(isAllowed(policy, action, cluster)).toBe(true);
      expect(isAllowed(policy, action, `arn:aws:ecs:${REGION}:${A}:cluster/pullguard--staging`)).toBe(false);
    }
    expect(isAllowed(policy, "ecs:Poll", `arn:aws:ecs:${REGION}:${A}:container-instance/pullguard--prod/0123456789abcdef`)).toBe(true);
    expect(isAllowed(policy, "ecs:Poll", `arn:aws:ecs:${REGION}:${A}:container-instance/pullguard--staging/0123456789abcdef`)).toBe(false);
    const statements: readonly PolicyStatement[] = policy.Statement;
    for (const statement of statements) {
      for (const action of list(statement.Action)) expect(action).not.toContain("*");
      if (list(statement.Resource).includes("*")) expect(["ecr:GetAuthorizationToken", "ecs:DiscoverPollEndpoint"]).toContain(statement.Action);
    }
  });

  it("shortens an execution role name over 64 characters with a stable hash instead of refusing it", () => {
    const longService = "s".repeat(28);
    const p2 = plan({
      ...input({}),
      environments: {
        abcdefghijklmnopqrst: {
          account: "main",
          regions: { "us-east-1": vpc(), "ap-southeast-2": vpc() },
          services: { [longService]: { image: "nginx:1.27.3", desiredCount: 1 } },
        },
      },
    });
    expect(errors(p2)).toEqual([]);
    // "pullguard--abcdefghijklmnopqrst-ap-southeast-2--<28 s>-exec" is 81 characters: its first 55,
    // "-" and the first 8 hex digits of its sha256 (computed with Python's hashlib).
    expect(service(p2, longService, "abcdefghijklmnopqrst-ap-southeast-2").executionRoleName).toBe("pullguard--abcdefghijklmnopqrst-ap-southeast-2--sssssss-b3e7ad1d");
    expect(service(p2, longService, "abcdefghijklmnopqrst-us-east-1").executionRoleName).toBe("pullguard--abcdefghijklmnopqrst-us-east-1--ssssssssssss-e8debc30");
  });
});
