import { Testing } from "cdktf";
import { platform } from "../config/platform";
import type { PlatformConfigInput } from "../config/schema";
import type { PolicyDocument } from "../core/iam";
import { isAllowed } from "../core/iam-evaluation";
import { planPlatform } from "../core/plan";
import { addPlatformStacks } from "../stacks/platform";
import { resources, synthesize, validConfig, type TfJson } from "./helpers/synth";

/**
 * The synthesized Terraform of the embedded example, resource family by resource family, through
 * cdktf's matchers and by reading the JSON. Pure planning logic is tested in *-plan tests.
 */
const synthesized = synthesize();
const { text, json } = synthesized;
const ACCOUNT = "111111111111";
const REGISTRY_EAST = `registry-${ACCOUNT}-us-east-1`;
const REGISTRY_WEST = `registry-${ACCOUNT}-us-west-2`;

function stack(name: string): TfJson {
  const s = json[name];
  if (!s) throw new Error(`no stack ${name}; have ${Object.keys(json).join(", ")}`);
  return s;
}

function clone(input: PlatformConfigInput): PlatformConfigInput {
  return JSON.parse(JSON.stringify(input)) as PlatformConfigInput;
}

describe("topology", () => {
  test("one stack per environment (and Region when it spans several) and one per account/Region registry", () => {
    expect(Object.keys(json).sort()).toEqual(["dev", "prod-us-east-1", "prod-us-west-2", REGISTRY_EAST, REGISTRY_WEST, "staging"]);
  });

  test("registry singletons appear only in registry stacks, once per registry", () => {
    const singletons = ["aws_ecr_replication_configuration", "aws_ecr_registry_policy", "aws_ecr_registry_scanning_configuration", "aws_ecr_pull_through_cache_rule"];
    for (const [name, s] of Object.entries(json)) {
      for (const type of singletons) {
        if (!name.startsWith("registry-")) expect(resources(s, type)).toHaveLength(0);
      }
    }
    // The team's image reaches us-west-2 through an ECR-to-ECR cache rule: no replication to configure.
    expect(resources(stack(REGISTRY_EAST), "aws_ecr_replication_configuration")).toHaveLength(0);
    expect(resources(stack(REGISTRY_WEST), "aws_ecr_replication_configuration")).toHaveLength(0);
    for (const registry of [REGISTRY_EAST, REGISTRY_WEST]) expect(resources(stack(registry), "aws_ecr_registry_scanning_configuration")).toHaveLength(1);
  });

  test("two environments sharing an account and Region share one registry stack", () => {
    const config = clone(platform);
    const result = synthesize(config);
    const registries = Object.keys(result.json).filter((n) => n.startsWith("registry-"));
    expect(registries.sort()).toEqual([REGISTRY_EAST, REGISTRY_WEST]);
    // dev, staging and prod-us-east-1 all run in 111111111111/us-east-1
    const inEast = result.plan.environments.filter((e) => e.region === "us-east-1").map((e) => e.registryStackName);
    expect(new Set(inEast)).toEqual(new Set([REGISTRY_EAST]));
  });

  test("a second account caches the team's images through an ECR-to-ECR rule with its own role, granted by the upstream registry's policy", () => {
    const config = clone(platform);
    config.accounts["prod-account"] = { id: "222222222222", registry: { pullThroughCache: { dockerHub: { credential: { source: "create" } }, ecrPublic: true, quay: true, ghcr: { credential: { source: "create" } } } } };
    config.environments.prod!.account = "prod-account";
    config.environments.prod!.regions!["us-west-2"]!.services = { orders: { secrets: { DATABASE_URL: "arn:aws:secretsmanager:us-west-2:222222222222:secret:prod/orders/database-MnOpQr" } } };
    config.environments.prod!.services!.orders!.secrets = { DATABASE_URL: "arn:aws:secretsmanager:us-east-1:222222222222:secret:prod/orders/database-GhIjKl" };
    const result = synthesize(config);
    expect(Object.keys(result.json).filter((n) => n.startsWith("registry-")).sort()).toEqual([REGISTRY_EAST, "registry-222222222222-us-east-1", "registry-222222222222-us-west-2"]);
    for (const region of ["us-east-1", "us-west-2"]) {
      const downstream = result.json[`registry-222222222222-${region}`]!;
      const rule = resources(downstream, "aws_ecr_pull_through_cache_rule").find((r) => r.ecr_repository_prefix === `${ACCOUNT}-us-east-1`)!;
      expect(rule.upstream_registry_url).toBe(`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`);
      expect(rule.custom_role_arn).toBe(`arn:aws:iam::222222222222:role/pullguard--ecr-upstream-${region}`);
      const role = resources(downstream, "aws_iam_role").find((r) => r.name === `pullguard--ecr-upstream-${region}`)!;
      expect(JSON.parse(role.assume_role_policy).Statement[0].Principal).toEqual({ Service: "pullthroughcache.ecr.amazonaws.com" });
    }
    const grant = JSON.parse(resources(result.json[REGISTRY_EAST]!, "aws_ecr_registry_policy")[0]!.policy) as PolicyDocument;
    expect(grant.Statement).toEqual([
      {
        Sid: "PullThroughCacheFromDownstream",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::222222222222:root"] },
        Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Resource: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/*`,
        Condition: { ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::222222222222:role/pullguard--ecr-upstream-us-east-1", "arn:aws:iam::222222222222:role/pullguard--ecr-upstream-us-west-2"] } },
      },
    ]);
    expect(resources(result.json[REGISTRY_EAST]!, "aws_ecr_replication_configuration")).toHaveLength(0);
  });

  test("with ownImages: replication, cross-account replication is accepted by a registry policy", () => {
    const config = clone(platform);
    config.accounts["prod-account"] = { id: "222222222222", registry: { ownImages: "replication", pullThroughCache: { dockerHub: { credential: { source: "create" } }, ecrPublic: true, quay: true, ghcr: { credential: { source: "create" } } } } };
    config.environments.prod!.account = "prod-account";
    config.environments.prod!.regions!["us-west-2"]!.services = { orders: { secrets: { DATABASE_URL: "arn:aws:secretsmanager:us-west-2:222222222222:secret:prod/orders/database-MnOpQr" } } };
    config.environments.prod!.services!.orders!.secrets = { DATABASE_URL: "arn:aws:secretsmanager:us-east-1:222222222222:secret:prod/orders/database-GhIjKl" };
    const result = synthesize(config);
    const replication = resources(result.json[REGISTRY_EAST]!, "aws_ecr_replication_configuration")[0]!;
    const destinations = replication.replication_configuration.rule.flatMap((r: TfJson) => r.destination);
    expect(destinations).toEqual(expect.arrayContaining([{ region: "us-east-1", registry_id: "222222222222" }, { region: "us-west-2", registry_id: "222222222222" }]));
    for (const region of ["us-east-1", "us-west-2"]) {
      const policy = JSON.parse(resources(result.json[`registry-222222222222-${region}`]!, "aws_ecr_registry_policy")[0]!.policy) as PolicyDocument;
      expect(policy.Statement[0]!.Principal).toEqual({ AWS: [`arn:aws:iam::${ACCOUNT}:root`] });
      expect(policy.Statement[0]!.Action).toEqual(["ecr:CreateRepository", "ecr:ReplicateImage"]);
    }
  });
});

describe("provider, backend and tags", () => {
  test.each(Object.keys(json))("%s pins hashicorp/aws with a version and allowed_account_ids", (name) => {
    expect(stack(name).terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: "~> 6.25" });
    expect(text[name]).toHaveProviderWithProperties(
      { tfResourceType: "aws" },
      { allowed_account_ids: [ACCOUNT], default_tags: [{ tags: expect.objectContaining({ "managed-by": "pullguard" }) }] },
    );
  });

  test("environment stacks tag resources with their environment; the local backend path is relative", () => {
    expect(stack("prod-us-west-2").provider.aws[0].default_tags[0].tags).toMatchObject({ environment: "prod", "managed-by": "pullguard", owner: "platform-team" });
    expect(stack("prod-us-west-2").provider.aws[0].region).toBe("us-west-2");
    expect(stack("dev").terraform.backend).toEqual({ local: { path: "../../../terraform-state/dev.tfstate" } });
  });

  test("an S3 backend from config gets bucket, per-stack key, region and use_lockfile; per-stack overrides win", () => {
    const config = clone(platform);
    config.backend = { type: "s3", bucket: "platform-state", region: "eu-west-1" };
    config.stackBackends = { dev: { type: "s3", bucket: "dev-state", region: "eu-west-1", key: "dev/terraform.tfstate" } };
    const result = synthesize(config);
    expect(result.json.staging!.terraform.backend).toEqual({
      s3: { bucket: "platform-state", key: "pullguard/staging.tfstate", region: "eu-west-1", encrypt: true, use_lockfile: true },
    });
    expect(result.json.dev!.terraform.backend.s3).toMatchObject({ bucket: "dev-state", key: "dev/terraform.tfstate", use_lockfile: true });
  });
});

describe("registry stack resources", () => {
  test("pull-through cache rules for every enabled upstream with credentials only where needed", () => {
    const east = text[REGISTRY_EAST]!;
    expect(east).toHaveResourceWithProperties({ tfResourceType: "aws_ecr_pull_through_cache_rule" }, { ecr_repository_prefix: "docker-hub", upstream_registry_url: "registry-1.docker.io", credential_arn: expect.stringContaining("aws_secretsmanager_secret") });
    expect(east).toHaveResourceWithProperties({ tfResourceType: "aws_ecr_pull_through_cache_rule" }, { ecr_repository_prefix: "ecr-public", upstream_registry_url: "public.ecr.aws" });
    expect(east).toHaveResourceWithProperties({ tfResourceType: "aws_ecr_pull_through_cache_rule" }, { ecr_repository_prefix: "quay", upstream_registry_url: "quay.io" });
    const ecrPublic = resources(stack(REGISTRY_EAST), "aws_ecr_pull_through_cache_rule").find((r) => r.ecr_repository_prefix === "ecr-public")!;
    expect(ecrPublic.credential_arn).toBeUndefined();
  });

  test("credential secrets are empty containers named ecr-pullthroughcache/<prefix>; no secret value anywhere", () => {
    const secrets = resources(stack(REGISTRY_EAST), "aws_secretsmanager_secret");
    expect(secrets.map((s) => s.name).sort()).toEqual(["ecr-pullthroughcache/docker-hub", "ecr-pullthroughcache/ghcr"]);
    for (const name of Object.keys(json)) expect(resources(stack(name), "aws_secretsmanager_secret_version")).toHaveLength(0);
    expect(JSON.stringify(json)).not.toMatch(/accessToken"\s*:\s*"[^.]/);
    expect(stack(REGISTRY_EAST).output.docker_hub_credential_secret_arn.description).toContain("aws secretsmanager put-secret-value --region us-east-1 --secret-id ecr-pullthroughcache/docker-hub");
  });

  test("creation templates per cache prefix, immutable, with a lifecycle policy and the custom role for tags", () => {
    const templates = resources(stack(REGISTRY_WEST), "aws_ecr_repository_creation_template");
    expect(templates.map((t) => t.prefix).sort()).toEqual([`${ACCOUNT}-us-east-1`, "docker-hub", "ecr-public", "ghcr", "quay"]);
    for (const t of templates) {
      expect(t.image_tag_mutability).toBe("IMMUTABLE");
      expect(t.custom_role_arn).toContain("aws_iam_role");
      expect(JSON.parse(t.lifecycle_policy).rules).toHaveLength(2);
    }
    expect(templates.find((t) => t.prefix === "quay")!.applied_for).toEqual(["PULL_THROUGH_CACHE"]);
    expect(text[REGISTRY_WEST]).toHaveResourceWithProperties({ tfResourceType: "aws_iam_role" }, { name: "pullguard--ecr-templates-us-west-2" });
  });

  test("the us-west-2 registry caches the team's image from us-east-1 (same account: no custom role)", () => {
    const rule = resources(stack(REGISTRY_WEST), "aws_ecr_pull_through_cache_rule").find((r) => r.ecr_repository_prefix === `${ACCOUNT}-us-east-1`)!;
    expect(rule.upstream_registry_url).toBe(`${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`);
    expect(rule.custom_role_arn).toBeUndefined();
  });

  test("usage alarms on every ECR API at 80% of the quota, and an alert topic events may publish to", () => {
    const alarms = resources(stack(REGISTRY_EAST), "aws_cloudwatch_metric_alarm");
    const byApi = Object.fromEntries(alarms.map((a) => [a.alarm_name, a]));
    expect(byApi["pullguard--ecr-GetAuthorizationToken-near-quota"]).toMatchObject({ evaluation_periods: 1, threshold: 24000 });
    expect(byApi["pullguard--ecr-GetAuthorizationToken-near-quota"].metric_query[0].period).toBe(60);
    expect(byApi["pullguard--ecr-GetDownloadUrlForLayer-near-quota"].threshold).toBe(144000);
    expect(text[REGISTRY_EAST]).toHaveResourceWithProperties({ tfResourceType: "aws_sns_topic" }, { name: "pullguard--image-pulls" });
    expect(resources(stack(REGISTRY_EAST), "aws_servicequotas_service_quota")).toHaveLength(0);
  });

  test("quota increase requests are opt-in and only for Regions whose quota is raised in config", () => {
    const config = clone(platform);
    config.detection = { requestQuotaIncreases: true };
    config.pullBudget = { ecrQuotas: { "us-east-1": { GetDownloadUrlForLayer: { rate: 6000 } } } };
    const result = synthesize(config);
    expect(resources(result.json[REGISTRY_EAST]!, "aws_servicequotas_service_quota")).toEqual([
      expect.objectContaining({ service_code: "ecr", quota_code: "L-A60A366D", value: 6000 }),
    ]);
    expect(resources(result.json[REGISTRY_WEST]!, "aws_servicequotas_service_quota")).toHaveLength(0);
  });
});

describe("environment stack resources", () => {
  const prodWest = () => stack("prod-us-west-2");

  test("ECR API, ECR Docker and S3 endpoints, interface ones private-DNS in the private subnets behind a 443-from-VPC group", () => {
    const endpoints = resources(prodWest(), "aws_vpc_endpoint");
    const byService = Object.fromEntries(endpoints.map((e) => [e.service_name, e]));
    expect(byService["com.amazonaws.us-west-2.ecr.api"]).toMatchObject({ vpc_endpoint_type: "Interface", private_dns_enabled: true, subnet_ids: ["subnet-0d1b2c3d4e5f60711", "subnet-0d1b2c3d4e5f60712"] });
    expect(byService["com.amazonaws.us-west-2.ecr.dkr"]).toMatchObject({ vpc_endpoint_type: "Interface", private_dns_enabled: true });
    expect(byService["com.amazonaws.us-west-2.s3"]).toMatchObject({ vpc_endpoint_type: "Gateway", route_table_ids: ["rtb-0d1b2c3d4e5f60711", "rtb-0d1b2c3d4e5f60712"] });
    expect(byService["com.amazonaws.us-west-2.s3"].policy).toContain("prod-us-west-2-starport-layer-bucket");
    // EC2 capacity in private subnets needs the agent endpoints; secrets need Secrets Manager
    for (const service of ["logs", "secretsmanager", "ecs", "ecs-agent", "ecs-telemetry"]) expect(byService[`com.amazonaws.us-west-2.${service}`]).toBeDefined();
    expect(byService["com.amazonaws.us-west-2.ssm"]).toBeUndefined();
    expect(text["prod-us-west-2"]).toHaveResourceWithProperties({ tfResourceType: "aws_vpc_security_group_ingress_rule" }, { from_port: 443, to_port: 443, ip_protocol: "tcp", cidr_ipv4: "10.40.0.0/16" });
  });

  test("dev (Fargate only, no secrets) gets only the endpoints it needs", () => {
    const services = resources(stack("dev"), "aws_vpc_endpoint").map((e) => e.service_name).sort();
    expect(services).toEqual(["com.amazonaws.us-east-1.ecr.api", "com.amazonaws.us-east-1.ecr.dkr", "com.amazonaws.us-east-1.logs", "com.amazonaws.us-east-1.s3"]);
  });

  test("services roll with computed percents, a rolling-back circuit breaker, private networking", () => {
    expect(text["prod-us-east-1"]).toHaveResourceWithProperties(
      { tfResourceType: "aws_ecs_service" },
      {
        name: "orders",
        desired_count: 60,
        deployment_minimum_healthy_percent: 100,
        deployment_maximum_percent: 142,
        deployment_circuit_breaker: { enable: true, rollback: true },
        launch_type: "FARGATE",
        network_configuration: {
          assign_public_ip: false,
          security_groups: [expect.stringContaining("aws_security_group")],
          subnets: ["subnet-0c1b2c3d4e5f60711", "subnet-0c1b2c3d4e5f60712", "subnet-0c1b2c3d4e5f60713"],
        },
      },
    );
    const services = resources(stack("prod-us-east-1"), "aws_ecs_service");
    // No load balancer and no container health check: the grace period would delay nothing (issue 9).
    expect(services.find((s) => s.name === "orders")!.health_check_grace_period_seconds).toBeUndefined();
    // Tasks started at once, floor(D x max / 100) - ceil(D x min / 100), each within the default budget of 25:
    // metrics 12 - 6 = 6; orders floor(85.2) - 60 = 25; web 24 - 12 = 12; worker 224 - 200 = 24 (113% would start 26).
    const percents = Object.fromEntries(services.map((s) => [s.name, [s.desired_count, s.deployment_minimum_healthy_percent, s.deployment_maximum_percent]]));
    expect(percents).toEqual({ metrics: [6, 100, 200], orders: [60, 100, 142], web: [12, 100, 200], worker: [200, 100, 112] });
    const prodEast = planPlatform(validConfig(platform)).environments.find((e) => e.stackName === "prod-us-east-1")!;
    expect(Object.fromEntries(prodEast.services.map((s) => [s.name, s.rollout.concurrentStarts]))).toEqual({ metrics: 6, orders: 25, web: 12, worker: 24 });
  });

  test("container definitions are literal JSON with private ECR images and awslogs", () => {
    const definitions = resources(stack("prod-us-west-2"), "aws_ecs_task_definition");
    const orders = definitions.find((d) => d.family === "pullguard--prod-us-west-2--orders")!;
    const containers = JSON.parse(orders.container_definitions) as TfJson[];
    expect(containers.map((c) => c.image)).toEqual([
      `${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/${ACCOUNT}-us-east-1/orders:\${var.orders_image_tag}`,
      `${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/ecr-public/aws-observability/aws-for-fluent-bit:2.32.4`,
    ]);
    expect(containers[0]!.logConfiguration).toEqual({ logDriver: "awslogs", options: { "awslogs-group": "/ecs/pullguard/prod/orders", "awslogs-region": "us-west-2", "awslogs-stream-prefix": "orders" } });
    expect(orders).toMatchObject({ network_mode: "awsvpc", requires_compatibilities: ["FARGATE"], cpu: "1024", memory: "2048" });
    const web = JSON.parse(definitions.find((d) => d.family === "pullguard--prod-us-west-2--web")!.container_definitions) as TfJson[];
    expect(web[0]!.image).toBe(`${ACCOUNT}.dkr.ecr.us-west-2.amazonaws.com/docker-hub/library/nginx:1.27.3`);
    for (const name of Object.keys(json)) {
      for (const d of resources(stack(name), "aws_ecs_task_definition")) {
        for (const c of JSON.parse(d.container_definitions) as TfJson[]) expect(c.image).toMatch(/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\//);
      }
    }
  });

  test("the image tag variable rejects latest and defaults to the configured tag", () => {
    const variable = stack("prod-us-west-2").variable.orders_image_tag;
    expect(variable.default).toBe("3f9c2d1");
    expect(variable.validation[0].condition).toContain('var.orders_image_tag != "latest"');
  });

  test("log groups with retention", () => {
    expect(text.staging).toHaveResourceWithProperties({ tfResourceType: "aws_cloudwatch_log_group" }, { name: "/ecs/pullguard/staging/orders", retention_in_days: 30 });
  });

  test("execution roles: literal JSON policies, no managed policy, no deprecated inline blocks", () => {
    for (const name of ["dev", "staging", "prod-us-east-1", "prod-us-west-2"]) {
      for (const role of resources(stack(name), "aws_iam_role")) {
        expect(role.managed_policy_arns).toBeUndefined();
        expect(role.inline_policy).toBeUndefined();
        expect(() => JSON.parse(role.assume_role_policy)).not.toThrow();
      }
      expect(resources(stack(name), "aws_iam_role_policy_attachment")).toHaveLength(0);
    }
    expect(text.dev).toHaveResourceWithProperties({ tfResourceType: "aws_iam_role" }, { name: "pullguard--dev-task-execution" });
    expect(text.staging).toHaveResourceWithProperties({ tfResourceType: "aws_iam_role" }, { name: "pullguard--staging--orders-exec" });
  });

  test("the prod orders execution role can pull its images and read its secret, nothing else", () => {
    const policies = resources(stack("prod-us-west-2"), "aws_iam_role_policy").map((p) => JSON.parse(p.policy) as PolicyDocument);
    const orders = policies.find((p) => JSON.stringify(p).includes("/ecs/pullguard/prod/orders"))!;
    const repo = (path: string) => `arn:aws:ecr:us-west-2:${ACCOUNT}:repository/${path}`;
    expect(isAllowed(orders, "ecr:GetAuthorizationToken", "*")).toBe(true);
    expect(isAllowed(orders, "ecr:BatchGetImage", repo(`${ACCOUNT}-us-east-1/orders`))).toBe(true);
    expect(isAllowed(orders, "ecr:GetDownloadUrlForLayer", repo("ecr-public/aws-observability/aws-for-fluent-bit"))).toBe(true);
    expect(isAllowed(orders, "ecr:BatchImportUpstreamImage", repo("ecr-public/aws-observability/aws-for-fluent-bit"))).toBe(true);
    expect(isAllowed(orders, "ecr:BatchImportUpstreamImage", repo(`${ACCOUNT}-us-east-1/orders`))).toBe(true);
    expect(isAllowed(orders, "ecr:BatchImportUpstreamImage", repo("orders"))).toBe(false);
    expect(isAllowed(orders, "ecr:BatchGetImage", repo("docker-hub/library/nginx"))).toBe(false);
    expect(isAllowed(orders, "ecr:PutImage", repo("orders"))).toBe(false);
    expect(isAllowed(orders, "ecr:BatchGetImage", `arn:aws:ecr:us-west-2:999999999999:repository/orders`)).toBe(false);
    // us-west-2 reads its own Region's replica of the secret (regions.us-west-2.services.orders.secrets), not us-east-1's.
    expect(isAllowed(orders, "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-west-2:${ACCOUNT}:secret:prod/orders/database-MnOpQr`)).toBe(true);
    expect(isAllowed(orders, "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/orders/database-GhIjKl`)).toBe(false);
    expect(isAllowed(orders, "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:staging/orders/database-AbCdEf`)).toBe(false);
    expect(isAllowed(orders, "logs:PutLogEvents", `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/ecs/pullguard/prod/orders:log-stream:orders/orders/abc`)).toBe(true);
    expect(isAllowed(orders, "logs:PutLogEvents", `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/ecs/pullguard/prod/web:log-stream:x`)).toBe(false);
    for (const statement of orders.Statement) {
      for (const action of [statement.Action].flat()) expect(action).not.toContain("*");
      if ([statement.Resource].flat().includes("*")) expect(statement.Action).toBe("ecr:GetAuthorizationToken");
    }
  });

  test("EC2 capacity: launch template user data sets the cluster and pull behaviour; capacity provider attached", () => {
    const template = resources(stack("staging"), "aws_launch_template")[0]!;
    const userData = Buffer.from(template.user_data, "base64").toString("utf8");
    expect(userData).toContain("ECS_CLUSTER=pullguard--staging");
    expect(userData).toContain("ECS_IMAGE_PULL_BEHAVIOR=once");
    expect(template.image_id).toBe("resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
    expect(text.staging).toHaveResourceWithProperties({ tfResourceType: "aws_ecs_cluster_capacity_providers" }, { capacity_providers: ["FARGATE", expect.stringContaining("aws_ecs_capacity_provider")] });
    expect(text.staging).toHaveResourceWithProperties({ tfResourceType: "aws_ecs_service" }, { name: "cache", capacity_provider_strategy: [{ capacity_provider: expect.stringContaining("aws_ecs_capacity_provider"), weight: 1 }] });
    expect(resources(stack("dev"), "aws_launch_template")).toHaveLength(0);
    const instancePolicy = JSON.parse(resources(stack("staging"), "aws_iam_role_policy").find((p) => p.name === "ecs-agent-and-image-pulls")!.policy) as PolicyDocument;
    expect(isAllowed(instancePolicy, "ecr:BatchGetImage", `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/docker-hub/bitnami/redis`)).toBe(true);
    expect(isAllowed(instancePolicy, "ecr:BatchGetImage", `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/orders`)).toBe(false);
  });

  test("prefer-cached is selectable", () => {
    const config = clone(platform);
    config.environments.staging!.ec2Capacity = { imagePullBehavior: "prefer-cached" };
    const result = synthesize(config);
    const template = resources(result.json.staging!, "aws_launch_template")[0]!;
    expect(Buffer.from(template.user_data, "base64").toString("utf8")).toContain("ECS_IMAGE_PULL_BEHAVIOR=prefer-cached");
  });

  test("tasks stopped with CannotPullContainerError go to the alert topic", () => {
    const rule = resources(stack("dev"), "aws_cloudwatch_event_rule")[0]!;
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.ecs"],
      "detail-type": ["ECS Task State Change"],
      detail: { clusterArn: [`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/pullguard--dev`], lastStatus: ["STOPPED"], stoppedReason: [{ wildcard: "*CannotPullContainerError*" }, { wildcard: "*ResourceInitializationError*" }] },
    });
    expect(text.dev).toHaveResourceWithProperties({ tfResourceType: "aws_cloudwatch_event_target" }, { arn: `arn:aws:sns:us-east-1:${ACCOUNT}:pullguard--image-pulls` });
  });
});

describe("determinism", () => {
  test("two syntheses of the same config are identical", () => {
    const again = synthesize();
    expect(again.text).toEqual(text);
  });
});

describe("annotations", () => {
  test("planner warnings land on the stack they concern, registry stacks included", () => {
    const config = clone(platform);
    config.accounts.main!.registry!.repositoryTemplates = { tagMutability: "MUTABLE" };
    const app = Testing.app();
    addPlatformStacks(app, planPlatform(validConfig(config)));
    const messages = (name: string) =>
      app.node.findChild(name).node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
    expect(messages(REGISTRY_EAST)).toEqual([expect.stringContaining("[PG-MUTABLE-TAGS] accounts.main.registry.repositoryTemplates.tagMutability: is MUTABLE")]);
    expect(messages("prod-us-west-2")).toEqual([expect.stringContaining("[PG-ENDPOINT-POLICY-SCOPE] environments.prod.endpoints.restrictToAccount: the S3 gateway policy covers everything routed through rtb-0d1b2c3d4e5f60711, rtb-0d1b2c3d4e5f60712")]);
    expect(messages("dev")).toEqual([]);
  });
});
