import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfigText } from "../config/load";
import { parse as parseYaml } from "yaml";
import type { PlatformConfigInput } from "../config/schema";
import { planPlatform } from "../core/plan";
import { resources, synthesize, validConfig } from "./helpers/synth";

/** Every example config in config/examples is documentation that must keep working. */
const examples = join(__dirname, "..", "config", "examples");
const files = readdirSync(examples).filter((f) => /\.(ya?ml|json)$/.test(f));

test("there are examples", () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)("%s validates and plans without errors", (file) => {
  const loaded = parseConfigText(readFileSync(join(examples, file), "utf8"), file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const plan = planPlatform(loaded.config);
  expect(plan.findings.filter((f) => f.level === "error")).toEqual([]);
  expect(plan.environments.length).toBeGreaterThan(0);
});

test("minimal.yaml: one environment and its registry, every image private, rollouts within budget", () => {
  const loaded = parseConfigText(readFileSync(join(examples, "minimal.yaml"), "utf8"), "minimal.yaml");
  if (!loaded.ok) throw new Error("minimal.yaml is invalid");
  const plan = planPlatform(loaded.config);
  expect(plan.environments.map((e) => e.stackName)).toEqual(["prod"]);
  expect(plan.registries.map((r) => r.stackName)).toEqual(["registry-123456789012-eu-west-1"]);
  const api = plan.environments[0]!.services.find((s) => s.name === "api")!;
  expect(api.containers.map((c) => c.image.repositoryUri)).toEqual([
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api",
    "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ecr-public/aws-observability/aws-otel-collector",
  ]);
  expect(api.rollout).toMatchObject({ minimumHealthyPercent: 100, concurrentStarts: 25 });
  expect(plan.backends.prod).toEqual({ type: "s3", bucket: "example-platform-state", key: "pullguard/prod.tfstate", region: "eu-west-1", useLockfile: true, encrypt: true });
});

test.each(files)("%s synthesizes every stack", (file) => {
  const loaded = parseConfigText(readFileSync(join(examples, file), "utf8"), file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const { json, plan } = synthesizedExample(file);
  expect(Object.keys(json).sort()).toEqual([...plan.environments.map((e) => e.stackName), ...plan.registries.map((r) => r.stackName)].sort());
});

/**
 * One stack per environment (named environment-region when it spans several Regions) and one
 * registry stack per account and Region that runs clusters or serves another registry's cache.
 */
test.each([
  ["blue-green-two-regions.yaml", ["prod-us-east-1", "prod-us-west-2", "registry-123456789012-us-east-1", "registry-123456789012-us-west-2"]],
  ["estate-three-accounts.yaml", ["prod-us-east-1", "prod-us-west-2", "registry-111122223333-us-east-1", "registry-222233334444-us-east-1", "registry-333344445555-us-east-1", "registry-333344445555-us-west-2", "staging"]],
  ["every-upstream.yaml", ["prod", "registry-123456789012-eu-west-1"]],
  ["existing-cluster.yaml", ["prod", "registry-123456789012-ap-southeast-2"]],
  ["existing-registry-singletons.yaml", ["prod", "registry-123456789012-eu-west-1"]],
  ["graviton-ec2.yaml", ["prod", "registry-123456789012-eu-west-1"]],
  ["kms-registry-two-regions.yaml", ["prod-eu-central-1", "prod-eu-west-1", "registry-123456789012-eu-central-1", "registry-123456789012-eu-west-1"]],
  ["minimal.yaml", ["prod", "registry-123456789012-eu-west-1"]],
  ["prod-two-regions.yaml", ["prod-eu-central-1", "prod-eu-west-1", "registry-123456789012-eu-central-1", "registry-123456789012-eu-west-1"]],
  ["s3-backend.yaml", ["prod", "registry-123456789012-eu-west-1", "staging"]],
  ["shared-vpc-existing-endpoints.yaml", ["dev", "registry-123456789012-us-east-2", "staging"]],
])("%s has the stacks its accounts, environments and Regions call for", (file, stacks) => {
  expect(Object.keys(synthesizedExample(file).json).sort()).toEqual(stacks);
});

test("every-upstream.yaml: one cache rule per upstream kind, each service through its rule", () => {
  const { json, plan } = synthesizedExample("every-upstream.yaml");
  const rules = resources(json["registry-123456789012-eu-west-1"]!, "aws_ecr_pull_through_cache_rule").map((r) => [r.ecr_repository_prefix, r.upstream_registry_url]);
  expect(rules.sort()).toEqual([
    ["acr", "examplepartner.azurecr.io"],
    ["docker-hub", "registry-1.docker.io"],
    ["ecr-public", "public.ecr.aws"],
    ["ghcr", "ghcr.io"],
    ["gitlab", "registry.gitlab.com"],
    ["k8s", "registry.k8s.io"],
    ["partner", "210987654321.dkr.ecr.us-east-1.amazonaws.com"],
    ["quay", "quay.io"],
  ]);
  const host = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
  const uris = Object.fromEntries(plan.environments[0]!.services.map((s) => [s.name, s.containers[0]!.image.repositoryUri]));
  expect(uris).toEqual({
    azure: `${host}/acr/payments/gateway`,
    "docker-hub": `${host}/docker-hub/bitnami/nginx`,
    // nginx is a Docker Official Image: with ECR Public cached too it comes from the docker/library mirror.
    "docker-official": `${host}/ecr-public/docker/library/nginx`,
    "ecr-public": `${host}/ecr-public/aws-observability/aws-otel-collector`,
    ghcr: `${host}/ghcr/example-org/worker`,
    gitlab: `${host}/gitlab/example-group/api`,
    k8s: `${host}/k8s/pause`,
    // upstreamRepositoryPrefix "shared": partner/base is the upstream shared/base.
    partner: `${host}/partner/base`,
    quay: `${host}/quay/prometheus/node-exporter`,
  });
  // Docker Hub and ECR Public approve repositories: the registry policy denies importing anything else.
  const [policy] = resources(json["registry-123456789012-eu-west-1"]!, "aws_ecr_registry_policy").map((r) => JSON.parse(String(r.policy)) as { Statement: { Sid: string; NotResource?: string[] }[] });
  const repo = (name: string) => `arn:aws:ecr:eu-west-1:123456789012:repository/${name}`;
  expect(policy!.Statement.find((st) => st.Sid === "ImportApprovedRepositoriesOnly")!.NotResource).toEqual([
    repo("acr/*"),
    repo("docker-hub/bitnami/*"),
    repo("ecr-public/aws-observability/*"),
    repo("ecr-public/docker/library/nginx"),
    repo("ghcr/*"),
    repo("gitlab/*"),
    repo("k8s/*"),
    repo("partner/*"),
    repo("quay/*"),
  ]);
});

test("s3-backend.yaml: the default key prefix is the project, stackBackends override per stack", () => {
  const plan = planPlatform(validConfig(example("s3-backend.yaml")));
  expect(plan.backends).toEqual({
    prod: { type: "s3", bucket: "shop-prod-terraform-state", key: "prod/platform.tfstate", region: "eu-west-1", useLockfile: true, encrypt: true },
    staging: { type: "s3", bucket: "shop-terraform-state", key: "shop/staging.tfstate", region: "eu-west-1", useLockfile: true, encrypt: true },
    "registry-123456789012-eu-west-1": { type: "s3", bucket: "shop-shared-terraform-state", key: "registries/registry-123456789012-eu-west-1.tfstate", region: "us-east-1", useLockfile: true, encrypt: true },
  });
});

function example(file: string): PlatformConfigInput {
  return parseYaml(readFileSync(join(examples, file), "utf8")) as PlatformConfigInput;
}

/** Each example is synthesized once for the tests that only read its output. */
const synthesizedOnce = new Map<string, ReturnType<typeof synthesize>>();
function synthesizedExample(file: string): ReturnType<typeof synthesize> {
  if (!synthesizedOnce.has(file)) synthesizedOnce.set(file, synthesize(example(file)));
  return synthesizedOnce.get(file)!;
}

test("graviton-ec2.yaml: arm64 AMI by instance type, a mixed instances group of one architecture, bounded scale-out", () => {
  const loaded = parseConfigText(readFileSync(join(examples, "graviton-ec2.yaml"), "utf8"), "graviton-ec2.yaml");
  if (!loaded.ok) throw new Error("graviton-ec2.yaml is invalid");
  const env = planPlatform(loaded.config).environments[0]!;
  expect(env.ec2Capacity).toMatchObject({
    instanceType: "c7g.large",
    additionalInstanceTypes: ["m7g.large", "c6g.large"],
    cpuArchitecture: "ARM64",
    amiSsmParameter: "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id",
  });
  // Neither service declares an architecture: both take the capacity's (issue 22 item 6).
  expect(env.services.map((s) => [s.name, s.production.cpuArchitecture])).toEqual([["api", "ARM64"], ["collector", "ARM64"]]);
  const api = env.services.find((s) => s.name === "api")!;
  // Fleet at autoscaling.max 12; a step adds at most 3 tasks.
  expect(api.production.starts.fleet).toBe(12);
  expect(api.production.starts.scaleOut?.tasks).toBe(3);
});

test("the README's ten-line production service validates, plans cleanly and is priced at max", () => {
  const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
  const block = /<!-- readme-production-service -->\n```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
  expect(block.trim().split("\n")).toHaveLength(10);
  const config = [
    'accounts: { main: { id: "111111111111", registry: { pullThroughCache: { dockerHub: { credential: { source: create } } } } } }',
    "environments:",
    "  prod:",
    "    account: main",
    "    regions: { us-east-1: { vpc: { id: vpc-0a1b2c3d, cidr: 10.0.0.0/16, privateSubnetIds: [subnet-0a1b2c3d], privateRouteTableIds: [rtb-0a1b2c3d] } } }",
    "    services:",
    ...block.trimEnd().split("\n").map((line) => `      ${line}`),
  ].join("\n");
  const loaded = parseConfigText(config, "readme.yaml");
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const plan = planPlatform(loaded.config);
  expect(plan.findings.filter((f) => f.level === "error")).toEqual([]);
  const starts = plan.environments[0]!.services[0]!.production.starts;
  // Fleet 20; target tracking 2 -> 20 in one step; Spot: (20 - 2 base) x 3/4 = 13.5, rounded up.
  expect([starts.fleet, starts.scaleOut?.tasks, starts.allowances.spotInterruptions]).toEqual([20, 18, 14]);
});
