/**
 * Environment stacks as the planner resolves them (no cdktf): image rewriting, VPC endpoints,
 * IAM evaluated as data, rollout percents within the pull budget, EC2 capacity.
 * Facts: /work/shared/reference/aws-facts.md.
 */
import { parseConfig } from "../config/load";
import type { PlatformConfigInput } from "../config/schema";
import type { PolicyDocument, PolicyStatement } from "../core/iam";
import { isAllowed } from "../core/iam-evaluation";
import { planPlatform } from "../core/plan";
import type { EnvironmentPlan, ExecutionRolePlan, Finding, PlatformPlan, ServicePlan } from "../core/plan-types";

// ---------------------------------------------------------------------------------------------
// Config builder
// ---------------------------------------------------------------------------------------------

type Input = PlatformConfigInput;
type EnvironmentInput = Input["environments"][string];
type ServiceInput = NonNullable<EnvironmentInput["services"]>[string];

const A = "111111111111";
const B = "222222222222";
const REGION = "us-east-1";
const HOST = `${A}.dkr.ecr.${REGION}.amazonaws.com`;
const repoArn = (repository: string, account = A, region = REGION) => `arn:aws:ecr:${region}:${account}:repository/${repository}`;
const secretArn = (name: string) => `arn:aws:secretsmanager:${REGION}:${A}:secret:${name}`;
const parameterArn = (name: string) => `arn:aws:ssm:${REGION}:${A}:parameter/${name}`;
const KMS_KEY = `arn:aws:kms:${REGION}:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KMS_KEY = `arn:aws:kms:${REGION}:${A}:key/9999abcd-12ab-34cd-56ef-1234567890ab`;
const DIGEST = `sha256:${"a".repeat(64)}`;

let idCounter = 0;
function vpc(natPublicIps?: number) {
  idCounter += 1;
  const id = idCounter.toString(16).padStart(8, "0");
  return {
    vpc: {
      id: `vpc-${id}`,
      cidr: "10.0.0.0/16",
      privateSubnetIds: [`subnet-${id}`],
      privateRouteTableIds: [`rtb-${id}`],
      ...(natPublicIps !== undefined ? { natPublicIps } : {}),
    },
  };
}

/**
 * Account "main" (A) caching Docker Hub, ECR Public, Quay and GHCR; environment "prod" in
 * us-east-1 with the given services and environment settings.
 */
function input(services: Record<string, ServiceInput>, envExtra: Partial<EnvironmentInput> = {}, extra: Partial<Input> = {}): Input {
  return {
    accounts: {
      main: {
        id: A,
        registry: {
          pullThroughCache: {
            dockerHub: { credential: { source: "create" } },
            ecrPublic: true,
            quay: true,
            ghcr: { credential: { source: "create" } },
          },
        },
      },
      other: { id: B },
    },
    environments: { prod: { account: "main", regions: { [REGION]: vpc() }, services, ...envExtra } },
    ...extra,
  };
}

function plan(config: Input): PlatformPlan {
  const result = parseConfig(config);
  if (!result.ok) throw new Error(`config should be valid:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`);
  return planPlatform(result.config);
}

const errors = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "error");
const warnings = (p: PlatformPlan): Finding[] => p.findings.filter((f) => f.level === "warning");
const byRule = (p: PlatformPlan, rule: string): Finding[] => p.findings.filter((f) => f.rule === rule);

function environment(p: PlatformPlan, stackName = "prod"): EnvironmentPlan {
  const found = p.environments.find((e) => e.stackName === stackName);
  if (!found) throw new Error(`no environment stack ${stackName}`);
  return found;
}

function service(p: PlatformPlan, name: string, stackName = "prod"): ServicePlan {
  const found = environment(p, stackName).services.find((s) => s.name === name);
  if (!found) throw new Error(`no service ${name} in ${stackName}`);
  return found;
}

function role(p: PlatformPlan, name: string): ExecutionRolePlan {
  const found = environment(p).executionRoles.find((r) => r.name === name);
  if (!found) throw new Error(`no execution role ${name}; roles: ${environment(p).executionRoles.map((r) => r.name).join(", ")}`);
  return found;
}

const list = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === "string" ? [v] : v);

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

describe("image rewriting", () => {
  const images = plan(
    input({
      web: { image: "nginx:1.27.3", desiredCount: 2 },
      redis: { image: "bitnami/redis:7.2", desiredCount: 1 },
      hub: { image: "docker.io/library/httpd:2.4.62", desiredCount: 1 },
      fluent: { image: "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4", desiredCount: 1 },
      exporter: { image: "quay.io/prometheus/node-exporter:v1.8.2", desiredCount: 1 },
      worker: { image: "ghcr.io/example-org/worker:v2.4.1", desiredCount: 1 },
      orders: { image: `${HOST}/orders:3f9c2d1`, desiredCount: 1 },
      billing: { image: `${A}.dkr.ecr.us-west-2.amazonaws.com/team/billing:1.0.0`, desiredCount: 1 },
    }),
  );

  it("plans without findings", () => {
    expect(images.findings).toEqual([]);
  });

  it.each([
    ["web", `${HOST}/docker-hub/library/nginx`, "1.27.3", "pull-through-cache"],
    ["redis", `${HOST}/docker-hub/bitnami/redis`, "7.2", "pull-through-cache"],
    ["hub", `${HOST}/docker-hub/library/httpd`, "2.4.62", "pull-through-cache"],
    ["fluent", `${HOST}/ecr-public/aws-observability/aws-for-fluent-bit`, "2.32.4", "pull-through-cache"],
    ["exporter", `${HOST}/quay/prometheus/node-exporter`, "v1.8.2", "pull-through-cache"],
    ["worker", `${HOST}/ghcr/example-org/worker`, "v2.4.1", "pull-through-cache"],
    ["orders", `${HOST}/orders`, "3f9c2d1", "own-registry"],
    ["billing", `${HOST}/${A}-us-west-2/team/billing`, "1.0.0", "pull-through-cache"],
  ])("resolves %s to %s:%s (%s)", (name, uri, tag, route) => {
    const image = service(images, name).containers[0]!.image;
    expect(image.repositoryUri).toBe(uri);
    expect(image.tag).toBe(tag);
    expect(image.digest).toBeUndefined();
    expect(image.route).toBe(route);
    expect(image.repositoryArn).toBe(repoArn(uri.slice(HOST.length + 1)));
    expect(image.pull).toEqual({ source: "ecr", layers: 10, registryPath: `${uri}:${tag}` });
  });

  it("never puts library/ on a non-official Docker Hub image", () => {
    expect(service(images, "redis").containers[0]!.image.repositoryUri).not.toContain("library");
  });

  it("caches an own image pushed to another Region through an ECR-to-ECR rule, with no replication", () => {
    const source = images.registries.find((r) => r.region === "us-west-2")!;
    expect(source.replicationRules).toEqual([]);
    const target = images.registries.find((r) => r.region === REGION)!;
    // Same account: ECR's service-linked role reads the upstream, so no custom role.
    expect(target.cacheRules.find((r) => r.kind === "ecr")).toEqual({
      kind: "ecr",
      prefix: `${A}-us-west-2`,
      upstreamAccount: A,
      upstreamRegion: "us-west-2",
      upstreamRegistryUrl: `${A}.dkr.ecr.us-west-2.amazonaws.com`,
      configPath: "accounts.main.registry.ownImages",
    });
    expect(target.upstreamRole).toBeUndefined();
  });

  it("carries a digest through the cache and warns PG-DIGEST-THROUGH-CACHE", () => {
    const p = plan(
      input({
        web: { image: `nginx@${DIGEST}`, desiredCount: 2 },
        api: { image: `nginx:1.27.3@${DIGEST}`, desiredCount: 2, sidecars: { proxy: { image: `public.ecr.aws/nginx/nginx@${DIGEST}` } } },
        orders: { image: `${HOST}/orders@${DIGEST}`, desiredCount: 2 },
      }),
    );
    expect(errors(p)).toEqual([]);
    const web = service(p, "web").containers[0]!.image;
    expect(web).toMatchObject({ repositoryUri: `${HOST}/docker-hub/library/nginx`, digest: DIGEST, route: "pull-through-cache" });
    expect(web.tag).toBeUndefined();
    expect(web.pull.registryPath).toBe(`${HOST}/docker-hub/library/nginx@${DIGEST}`);
    const hits = byRule(p, "PG-DIGEST-THROUGH-CACHE");
    expect(hits.map((f) => [f.level, f.path])).toEqual([
      ["warning", "environments.prod.services.api.image"],
      ["warning", "environments.prod.services.api.sidecars.proxy.image"],
      ["warning", "environments.prod.services.web.image"],
    ]);
    // Own images by digest are fine: no cache import involved.
    expect(hits.some((f) => f.path.includes("orders"))).toBe(false);
  });

  it("refuses a direct Docker Hub pull with PG-DOCKER-HUB-DIRECT", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2, pullDirect: true } }));
    expect(errors(p)).toEqual([
      expect.objectContaining({ rule: "PG-DOCKER-HUB-DIRECT", path: "environments.prod.services.web.pullDirect", stack: "prod" }),
    ]);
  });

  it("allows a direct Docker Hub pull when pullBudget.allowDockerHubDirect is set", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2, pullDirect: true } }, {}, { pullBudget: { allowDockerHubDirect: true } }));
    expect(errors(p)).toEqual([]);
    const image = service(p, "web").containers[0]!.image;
    expect(image).toMatchObject({ route: "direct", repositoryUri: "docker.io/library/nginx" });
    expect(image.repositoryArn).toBeUndefined();
    expect(image.pull).toMatchObject({ source: "docker-hub-direct", dockerHubAuth: "anonymous" });
    // Nothing comes from ECR: the role gets no ECR permission at all.
    const policy = role(p, "pullguard--prod--web-exec").policy;
    expect(isAllowed(policy, "ecr:GetAuthorizationToken", "*")).toBe(false);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["WriteContainerLogs"]);
  });

  it("still refuses a direct Docker Hub rollout above the 6-hour limit when direct pulls are allowed", () => {
    // 101 anonymous pulls behind one NAT IP: Docker Hub allows 100 per 6 hours per IP.
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 101, pullDirect: true } }, {}, { pullBudget: { allowDockerHubDirect: true } }));
    expect(errors(p).map((f) => f.rule)).toEqual(["PG-DOCKER-HUB-LIMIT"]);
    const within = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 100, pullDirect: true } }, {}, { pullBudget: { allowDockerHubDirect: true } }));
    expect(errors(within)).toEqual([]);
  });

  it("turns imageTagVariable into a Terraform variable named after the service", () => {
    const p = plan(
      input({
        "order-api": { image: `${HOST}/orders:3f9c2d1`, desiredCount: 2, imageTagVariable: true },
        web: { image: "nginx:1.27.3", desiredCount: 2, imageTagVariable: true, sidecars: { proxy: { image: "public.ecr.aws/nginx/nginx:1.27" } } },
        plain: { image: "nginx:1.27.3", desiredCount: 2 },
      }),
    );
    expect(errors(p)).toEqual([]);
    expect(service(p, "order-api").containers[0]!.tagVariable).toEqual({ name: "order_api_image_tag", default: "3f9c2d1" });
    expect(service(p, "web").containers[0]!.tagVariable).toEqual({ name: "web_image_tag", default: "1.27.3" });
    // Main container only.
    expect(service(p, "web").containers[1]!.tagVariable).toBeUndefined();
    expect(service(p, "plain").containers[0]!.tagVariable).toBeUndefined();
  });

  it.each([
    ["a digest-only image", `nginx@${DIGEST}`],
    ["an image with tag and digest", `nginx:1.27.3@${DIGEST}`],
  ])("refuses imageTagVariable with %s", (_what, image) => {
    const p = plan(input({ web: { image, desiredCount: 2, imageTagVariable: true } }));
    expect(errors(p)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.imageTagVariable",
        message: "needs an image written with a tag and no digest: the tag is the variable's default",
        stack: "prod",
      },
    ]);
    expect(environment(p).services).toEqual([]);
  });

  it.each([
    ["no tag", "nginx", 'has no tag'],
    [":latest", "nginx:latest", "uses :latest"],
  ])("refuses an image with %s", (_what, image, message) => {
    const p = plan(input({ web: { image, desiredCount: 2 } }));
    expect(errors(p)).toEqual([expect.objectContaining({ path: "environments.prod.services.web.image", message: expect.stringContaining(message) })]);
  });

  it("refuses an upstream without a cache rule, naming the config key to enable", () => {
    const p = plan(input({ web: { image: "registry.k8s.io/pause:3.10", desiredCount: 2 } }));
    expect(errors(p)).toEqual([expect.objectContaining({ path: "environments.prod.services.web.image", message: expect.stringContaining("enable pullThroughCache.k8s") })]);
  });
});

// ---------------------------------------------------------------------------------------------
// VPC endpoints
// ---------------------------------------------------------------------------------------------

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
});

// ---------------------------------------------------------------------------------------------
// IAM, evaluated as data
// ---------------------------------------------------------------------------------------------

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
    web: { cache: [repoArn("docker-hub/library/nginx")], own: [] },
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
    expect(isAllowed(policy, "ecr:BatchGetImage", repoArn("docker-hub/library/nginx", B))).toBe(false);
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
    for (const arn of [repoArn("docker-hub/library/nginx"), repoArn("orders")]) expect(isAllowed(policy, "ecr:BatchGetImage", arn)).toBe(true);
    expect(isAllowed(policy, "ecr:BatchImportUpstreamImage", repoArn("docker-hub/library/nginx"))).toBe(true);
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
      expect(isAllowed(policy, action, repoArn("docker-hub/library/nginx"))).toBe(false);
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

// ---------------------------------------------------------------------------------------------
// Rollouts
// ---------------------------------------------------------------------------------------------

describe("rollout percents through the planner", () => {
  const rollout = (desiredCount: number, deployment?: ServiceInput["deployment"], extra: Partial<Input> = {}) => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount, imageLayers: 10, ...(deployment ? { deployment } : {}) } }, {}, extra));
    return { p, r: service(p, "web").rollout };
  };

  // One 10-layer Fargate image: even the launch cap (100 tasks x 10 = 1000 of 1500 layer calls at 50%) fits the
  // quotas, so the budget is min(25 default cap, desired). Percents: the widest max with floor(D x max / 100) - D
  // <= budget, e.g. 399: floor(399 x 106 / 100) - 399 = 422 - 399 = 23 (107% gives 426 - 399 = 27); 1000: 1020 - 1000
  // = 20 (103% gives 30). Circuit breaker: ceil(D / 2) within [3, 200]: 1, 2, 3 -> 3; 7 -> 4; 100 -> 50; 399 -> 200.
  it.each([
    // desired, budget, min, max, starts, circuit breaker
    [1, 1, 100, 200, 1, 3],
    [2, 2, 100, 200, 2, 3],
    [3, 3, 100, 200, 3, 3],
    [7, 7, 100, 200, 7, 4],
    [10, 10, 100, 200, 10, 5],
    [50, 25, 100, 150, 25, 25],
    [100, 25, 100, 125, 25, 50],
    [399, 25, 100, 106, 23, 200],
    [1000, 25, 100, 102, 20, 200],
  ])("desiredCount %i, budget %i -> %i/%i, %i at once, circuit breaker %i", (desired, budget, min, max, starts, breaker) => {
    const { p, r } = rollout(desired);
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts]).toEqual([min, max, starts]);
    expect(r.circuitBreakerThreshold).toBe(breaker);
    expect(r.overridden).toBe(false);
    expect(r.budget).toBe(budget);
    expect(r.widestPercentsWithinBudget).toEqual({ minimumHealthyPercent: min, maximumPercent: max, concurrentStarts: starts });
    expect(service(p, "web").assessment.concurrentStarts).toBe(starts);
    expect(errors(p)).toEqual([]);
    expect(byRule(p, "PG-ROLLOUT-BURST")).toEqual([]);
  });

  it("cannot keep 5000 tasks within 25 starts: 101% is the smallest step, 50 tasks, and says so", () => {
    const { p, r } = rollout(5000);
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts, r.budget]).toEqual([100, 101, 50, 25]);
    expect(errors(p)).toEqual([]);
    expect(byRule(p, "PG-ROLLOUT-BURST")).toEqual([
      expect.objectContaining({
        level: "warning",
        message: "web: starts 50 tasks at once, over its pull budget of 25; even maximumPercent 101 starts 50 (one percent of 5000 tasks), lower desiredCount or raise the budget",
      }),
    ]);
  });

  it("refuses overrides that let no task start, with PG-ROLLOUT-PROGRESS naming the fastest fitting settings", () => {
    const { p, r } = rollout(2, { minimumHealthyPercent: 100, maximumPercent: 125 });
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts, r.overridden]).toEqual([100, 125, 0, true]);
    expect(errors(p)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.deployment",
        message:
          "web: desiredCount 2 at minimumHealthyPercent 100 / maximumPercent 125 starts no task at once (floor(2x125/100) - ceil(2x100/100) = 0), so the deployment cannot progress; use minimumHealthyPercent 100 / maximumPercent 200",
        stack: "prod",
        rule: "PG-ROLLOUT-PROGRESS",
      },
    ]);
  });

  it("keeps the computed maximum when only the minimum is overridden, and warns PG-ROLLOUT-CAPACITY below the floor", () => {
    const { p, r } = rollout(10, { minimumHealthyPercent: 50, maximumPercent: 100 });
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts]).toEqual([50, 100, 5]);
    expect(errors(p)).toEqual([]);
    expect(warnings(p)).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.deployment.minimumHealthyPercent",
        message: "web: minimumHealthyPercent 50 lets running tasks drop to 5 of 10 during a rollout, below minimumHealthyPercentFloor",
        stack: "prod",
        rule: "PG-ROLLOUT-CAPACITY",
      },
    ]);
    const onlyMin = rollout(10, { minimumHealthyPercent: 50 }).r;
    expect([onlyMin.minimumHealthyPercent, onlyMin.maximumPercent, onlyMin.concurrentStarts]).toEqual([50, 200, 15]);
    expect(rollout(10, { minimumHealthyPercent: 50, maximumPercent: 100, minimumHealthyPercentFloor: 50 }).p.findings).toEqual([]);
  });

  it("warns PG-ROLLOUT-BURST when an override starts more than the budget", () => {
    const { p, r } = rollout(100, { maximumPercent: 200 });
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts, r.budget]).toEqual([100, 200, 100, 25]);
    expect(errors(p)).toEqual([]);
    expect(byRule(p, "PG-ROLLOUT-BURST")).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.deployment",
        message: "web: starts 100 tasks at once, over its pull budget of 25; minimumHealthyPercent 100 / maximumPercent 125 starts 25",
        stack: "prod",
        rule: "PG-ROLLOUT-BURST",
      },
    ]);
  });

  it.each([
    [100, 5, 105, 5],
    [10, 5, 150, 5],
    [3, 5, 200, 3],
  ])("caps desiredCount %i at deployment.maxConcurrentStarts %i", (desired, cap, max, starts) => {
    const { p, r } = rollout(desired, { maxConcurrentStarts: cap });
    expect([r.minimumHealthyPercent, r.maximumPercent, r.concurrentStarts]).toEqual([100, max, starts]);
    expect(r.concurrentStarts).toBeLessThanOrEqual(cap);
    expect(errors(p)).toEqual([]);
  });

  it("follows pullBudget.defaultMaxConcurrentStarts", () => {
    const { r } = rollout(100, undefined, { pullBudget: { defaultMaxConcurrentStarts: 10 } });
    expect([r.maximumPercent, r.concurrentStarts, r.budget]).toEqual([110, 10, 10]);
  });
});

// ---------------------------------------------------------------------------------------------
// Pull budget guard
// ---------------------------------------------------------------------------------------------

describe("pull budget guard", () => {
  const share = (s: ServicePlan) => Math.max(...s.assessment.quotaUse.map((u) => u.share));

  it("lowers the starts so every ECR API stays within a small maxQuotaShare", () => {
    // 0.05 of 3000 GetDownloadUrlForLayer/s = 150 calls = 15 tasks of 10 layers.
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 100, imageLayers: 10 } }, {}, { pullBudget: { maxQuotaShare: 0.05 } }));
    expect(errors(p)).toEqual([]);
    const web = service(p, "web");
    expect([web.rollout.budget, web.rollout.minimumHealthyPercent, web.rollout.maximumPercent, web.rollout.concurrentStarts]).toEqual([15, 100, 115, 15]);
    for (const use of web.assessment.quotaUse) expect(use.share).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(web.assessment.demand.GetDownloadUrlForLayer).toBe(150);
  });

  it("lowers the starts for a service with many layers and images at the default share", () => {
    // 3 images x 127 layers = 381 GetDownloadUrlForLayer calls a task; 0.5 x 3000 / 381 = 3 tasks.
    const p = plan(
      input({
        big: {
          image: "nginx:1.27.3",
          desiredCount: 50,
          imageLayers: 127,
          sidecars: { a: { image: "public.ecr.aws/nginx/nginx:1.27", imageLayers: 127 }, b: { image: "quay.io/prometheus/node-exporter:v1.8.2", imageLayers: 127 } },
        },
      }),
    );
    expect(errors(p)).toEqual([]);
    const big = service(p, "big");
    expect([big.rollout.budget, big.rollout.minimumHealthyPercent, big.rollout.maximumPercent, big.rollout.concurrentStarts]).toEqual([3, 100, 106, 3]);
    expect(share(big)).toBeLessThanOrEqual(0.5);
    expect(big.assessment.demand).toEqual({ GetAuthorizationToken: 3, BatchGetImage: 9, GetDownloadUrlForLayer: 1143, BatchCheckLayerAvailability: 0 });
  });

  it("refuses an override above maxQuotaShare with PG-ECR-QUOTA naming the service, figure, quota and fastest fitting settings", () => {
    const p = plan(
      input({ web: { image: "nginx:1.27.3", desiredCount: 100, imageLayers: 10, deployment: { maximumPercent: 200 } } }, {}, { pullBudget: { maxQuotaShare: 0.05 } }),
    );
    const quota = byRule(p, "PG-ECR-QUOTA");
    expect(quota.every((f) => f.level === "error" && f.path === "environments.prod.services.web.deployment" && f.stack === "prod")).toBe(true);
    const layers = quota.find((f) => f.message.includes("GetDownloadUrlForLayer"));
    expect(layers?.message).toBe(
      "prod/web: 1000 GetDownloadUrlForLayer calls in the peak second is 33.3% of the 3000/s first-second capacity (quota L-A60A366D), above the 5% allowed; " +
        "lower maximumPercent to start fewer tasks at once, or raise the quota. Fastest settings within the budget: minimumHealthyPercent 100 / maximumPercent 115 (15 tasks at once).",
    );
    const auth = quota.find((f) => f.message.includes("GetAuthorizationToken"));
    expect(auth?.message).toContain("100 GetAuthorizationToken calls in the peak second is 20% of the 500/s first-second capacity (quota L-55A41110)");
    // BatchGetImage at exactly 5% is at, not above, the share.
    expect(quota.map((f) => f.message.split(" ")[2])).toEqual(["GetAuthorizationToken", "GetDownloadUrlForLayer"]);
    expect(errors(p).map((f) => f.rule)).toEqual(["PG-ECR-QUOTA", "PG-ECR-QUOTA"]);
  });

  it("uses the Region's ecrQuotas override in the budget", () => {
    const many = (extra: Partial<Input>) =>
      service(
        plan(
          input(
            {
              big: {
                image: "nginx:1.27.3",
                desiredCount: 50,
                imageLayers: 127,
                sidecars: { a: { image: "public.ecr.aws/nginx/nginx:1.27", imageLayers: 127 }, b: { image: "quay.io/prometheus/node-exporter:v1.8.2", imageLayers: 127 } },
              },
            },
            {},
            extra,
          ),
        ),
        "big",
      ).rollout;
    // 0.5 x 6000 / 381 = 7 tasks.
    const raised = many({ pullBudget: { ecrQuotas: { [REGION]: { GetDownloadUrlForLayer: { rate: 6000 } } } } });
    expect([raised.budget, raised.maximumPercent, raised.concurrentStarts]).toEqual([7, 114, 7]);
    // A burst counts as the first-second capacity.
    const burst = many({ pullBudget: { ecrQuotas: { [REGION]: { GetDownloadUrlForLayer: { rate: 3000, burst: 6000 } } } } });
    expect(burst.budget).toBe(7);
    // Another Region's override changes nothing here.
    const elsewhere = many({ pullBudget: { ecrQuotas: { "eu-west-1": { GetDownloadUrlForLayer: { rate: 6000 } } } } });
    expect(elsewhere.budget).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------
// EC2 capacity
// ---------------------------------------------------------------------------------------------

describe("EC2 capacity", () => {
  it("configures the agent for the cluster with ECS_IMAGE_PULL_BEHAVIOR=once by default", () => {
    const p = plan(input({ cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } }));
    expect(errors(p)).toEqual([]);
    const capacity = environment(p).ec2Capacity!;
    expect(capacity.imagePullBehavior).toBe("once");
    expect(capacity.userData.split("\n")).toEqual(expect.arrayContaining(["ECS_CLUSTER=pullguard--prod", "ECS_IMAGE_PULL_BEHAVIOR=once"]));
    expect(capacity).toMatchObject({ name: "pullguard--prod-ec2", instanceType: "m6i.large", minSize: 1, maxSize: 4, desiredCapacity: 2 });
    expect(byRule(p, "PG-PREFER-CACHED")).toEqual([]);
  });

  it("writes prefer-cached when configured and warns PG-PREFER-CACHED", () => {
    const p = plan(input({ cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } }, { ec2Capacity: { imagePullBehavior: "prefer-cached" } }));
    const capacity = environment(p).ec2Capacity!;
    expect(capacity.userData).toContain("ECS_IMAGE_PULL_BEHAVIOR=prefer-cached\n");
    expect(capacity.userData).toContain("ECS_CLUSTER=pullguard--prod\n");
    expect(warnings(p)).toEqual([
      expect.objectContaining({ rule: "PG-PREFER-CACHED", path: "environments.prod.ec2Capacity.imagePullBehavior", stack: "prod" }),
    ]);
  });

  it("names the cluster after the environment in every Region of a multi-Region environment", () => {
    const p = plan({
      ...input({}),
      environments: { prod: { account: "main", regions: { [REGION]: vpc(), "us-west-2": vpc() }, services: { cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } } } },
    });
    for (const stack of ["prod-us-east-1", "prod-us-west-2"]) {
      expect(environment(p, stack).clusterName).toBe("pullguard--prod");
      expect(environment(p, stack).ec2Capacity!.userData).toContain("ECS_CLUSTER=pullguard--prod\n");
    }
  });

  it("plans no EC2 capacity when every service runs on Fargate", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 } }, { ec2Capacity: { imagePullBehavior: "prefer-cached" } }));
    expect(environment(p).ec2Capacity).toBeUndefined();
    expect(byRule(p, "PG-PREFER-CACHED")).toEqual([]);
  });
});

describe("follow-ups from review", () => {
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

  it("says plainly when no rollout setting fits the quota budget", () => {
    const p = plan(
      input({ big: { image: "nginx:1.27.3", desiredCount: 5000, imageLayers: 127, deployment: { maximumPercent: 110 } } }, {}, { pullBudget: { maxQuotaShare: 0.01 } }),
    );
    const quota = byRule(p, "PG-ECR-QUOTA")[0];
    expect(quota?.message).toContain("No rollout settings fit: even minimumHealthyPercent 100 / maximumPercent 101 starts 50 tasks at once");
  });

  it("lets the container-instance agent drain and tag its own instances only", () => {
    const p = plan(input({ cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } }));
    const policy = environment(p).ec2Capacity!.instanceRole.policy;
    const instance = `arn:aws:ecs:${REGION}:${A}:container-instance/pullguard--prod/0123456789abcdef`;
    expect(isAllowed(policy, "ecs:UpdateContainerInstancesState", instance)).toBe(true);
    expect(isAllowed(policy, "ecs:UpdateContainerInstancesState", `arn:aws:ecs:${REGION}:${A}:container-instance/other/0123`)).toBe(false);
    const tag = policy.Statement.find((s) => s.Sid === "TagOnRegistration")!;
    expect(tag.Condition).toEqual({ StringEquals: { "ecs:CreateAction": "RegisterContainerInstance" } });
  });
});
