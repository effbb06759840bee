import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Testing, type TerraformStack } from "cdktf";
import { parseConfigText } from "../../config/load";
import { planPlatform } from "../../core/plan";
import { firstApplyLines } from "../../core/report/first-apply";
import { stackHcl } from "../../stacks/hcl";
import { addPlatformStacks } from "../../stacks/platform";
import { resources, type TfJson } from "../helpers/synth";
import { withoutTokenStackTraces } from "../../app/lean-synth";

/**
 * The estate examples under config/examples, synthesized: provider access per account, stack
 * dependencies, endpoints owned once per shared VPC, existing clusters, import blocks and
 * write-only credentials. Expected values are read off the example files by hand.
 */
function synthExample(file: string) {
  const loaded = parseConfigText(readFileSync(join(__dirname, "..", "..", "config", "examples", file), "utf8"), file);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  const plan = planPlatform(loaded.config);
  return withoutTokenStackTraces(() => {
    const app = Testing.app();
    addPlatformStacks(app, plan);
    const json: Record<string, TfJson> = {};
    const stacks: Record<string, TerraformStack> = {};
    for (const child of app.node.children) {
      const stack = child as TerraformStack;
      stacks[stack.node.id] = stack;
      json[stack.node.id] = JSON.parse(Testing.synth(stack)) as TfJson;
    }
    return { plan, json, stacks };
  });
}

describe("estate-three-accounts.yaml", () => {
  const { plan, json, stacks } = synthExample("estate-three-accounts.yaml");

  test("each stack's provider assumes the role of its own account", () => {
    expect(json.staging!.provider.aws[0]).toMatchObject({
      allowed_account_ids: ["222233334444"],
      assume_role: [{ role_arn: "arn:aws:iam::222233334444:role/pullguard-deploy", session_name: "pullguard", external_id: "acme-platform-ci" }],
    });
    expect(json["registry-111122223333-us-east-1"]!.provider.aws[0].assume_role).toEqual([
      { role_arn: "arn:aws:iam::111122223333:role/pullguard-deploy", session_name: "acme-platform" },
    ]);
  });

  test("registry stacks come before the environments pulling through them, as cdktf stack dependencies", () => {
    expect(plan.deployOrder).toEqual([
      ["registry-111122223333-us-east-1"],
      ["registry-222233334444-us-east-1", "registry-333344445555-us-east-1", "registry-333344445555-us-west-2"],
      ["prod-us-east-1", "prod-us-west-2", "staging"],
    ]);
    expect(stacks["prod-us-west-2"]!.dependencies.map((d) => d.node.id)).toEqual(["registry-333344445555-us-west-2"]);
    expect(stacks["registry-333344445555-us-west-2"]!.dependencies.map((d) => d.node.id)).toEqual(["registry-111122223333-us-east-1"]);
  });

  test("the shared-services registry grants the workload accounts' cache roles read access", () => {
    const policy = JSON.parse(resources(json["registry-111122223333-us-east-1"]!, "aws_ecr_registry_policy")[0]!.policy);
    expect(policy.Statement[0].Principal).toEqual({ AWS: ["arn:aws:iam::222233334444:root", "arn:aws:iam::333344445555:root"] });
    expect(policy.Statement[0].Condition.ArnEquals["aws:PrincipalArn"]).toEqual([
      "arn:aws:iam::222233334444:role/acme--ecr-upstream-us-east-1",
      "arn:aws:iam::333344445555:role/acme--ecr-upstream-us-east-1",
      "arn:aws:iam::333344445555:role/acme--ecr-upstream-us-west-2",
    ]);
  });

  test("the report's first lines say which empty credential secrets stop a first apply", () => {
    expect(firstApplyLines(plan).slice(0, 6)).toEqual([
      "# First apply",
      "",
      "Adopts, imports and replaces nothing (no existing infrastructure is declared in the config).",
      "- note (registry-222233334444-us-east-1): ecr-pullthroughcache/docker-hub is created empty and the docker-hub cache rule reads it when created: put its value, then apply again (or set value: apply-time)",
      "- note (registry-333344445555-us-east-1): ecr-pullthroughcache/docker-hub is created empty and the docker-hub cache rule reads it when created: put its value, then apply again (or set value: apply-time)",
      "- note (registry-333344445555-us-west-2): ecr-pullthroughcache/docker-hub is created empty and the docker-hub cache rule reads it when created: put its value, then apply again (or set value: apply-time)",
    ]);
  });

  test("prod runs its per-Region desired counts and secrets", () => {
    const service = (stack: string) => resources(json[stack]!, "aws_ecs_service").find((s) => s.name === "orders")!;
    expect([service("prod-us-east-1").desired_count, service("prod-us-west-2").desired_count]).toEqual([12, 6]);
    const west = JSON.parse(resources(json["prod-us-west-2"]!, "aws_ecs_task_definition").find((d) => d.family === "acme--prod-us-west-2--orders")!.container_definitions);
    expect(west[0].secrets).toEqual([{ name: "DATABASE_URL", valueFrom: "arn:aws:secretsmanager:us-west-2:333344445555:secret:prod/orders/db-GhIjKl" }]);
  });
});

describe("shared-vpc-existing-endpoints.yaml", () => {
  const { json, stacks } = synthExample("shared-vpc-existing-endpoints.yaml");

  test("dev owns the interface endpoints, one subnet per AZ; staging creates none and waits for dev; the existing S3 gateway is reused", () => {
    const endpoints = resources(json.dev!, "aws_vpc_endpoint");
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(["com.amazonaws.us-east-2.ecr.api", "com.amazonaws.us-east-2.ecr.dkr", "com.amazonaws.us-east-2.logs"]);
    for (const e of endpoints) expect(e.subnet_ids).toEqual(["subnet-0f00000000000f011", "subnet-0f00000000000f021"]);
    expect(resources(json.staging!, "aws_vpc_endpoint")).toEqual([]);
    expect(resources(json.staging!, "aws_security_group").map((g) => g.name)).toEqual(["pullguard--staging--web-tasks"]);
    expect(stacks.staging!.dependencies.map((d) => d.node.id).sort()).toEqual(["dev", "registry-123456789012-us-east-2"]);
  });
});

describe("existing-cluster.yaml", () => {
  const { json } = synthExample("existing-cluster.yaml");
  test("targets the cluster by ARN and creates none", () => {
    expect(resources(json.prod!, "aws_ecs_cluster")).toEqual([]);
    expect(resources(json.prod!, "aws_ecs_service")[0]!.cluster).toBe("arn:aws:ecs:ap-southeast-2:123456789012:cluster/platform-prod");
  });
});

describe("existing-registry-singletons.yaml", () => {
  const { plan, json, stacks } = synthExample("existing-registry-singletons.yaml");

  test("the HCL output carries the import blocks and the ephemeral variable too", () => {
    const hcl = stackHcl(stacks["registry-123456789012-eu-west-1"]!);
    expect(hcl).toContain('import {\n  id = "docker-hub"\n  to = aws_ecr_pull_through_cache_rule.');
    expect(hcl).toContain("  ephemeral   = true\n");
  });
  const registry = json["registry-123456789012-eu-west-1"]!;

  test("emits a Terraform import block per existing singleton, addressed at the resource the stack declares", () => {
    // The logical ids are cdktf's; what matters is that each import targets the one resource of its type.
    const only = (type: string) => `${type}.${Object.keys(registry.resource[type] as object)[0]}`;
    expect(registry.import).toEqual([
      { to: only("aws_ecr_registry_policy"), id: "123456789012" },
      { to: only("aws_ecr_registry_scanning_configuration"), id: "123456789012" },
      { to: only("aws_ecr_pull_through_cache_rule"), id: "docker-hub" },
      { to: only("aws_secretsmanager_secret"), id: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf" },
    ]);
    for (const type of ["aws_ecr_registry_policy", "aws_ecr_registry_scanning_configuration", "aws_ecr_pull_through_cache_rule", "aws_secretsmanager_secret"]) {
      expect(Object.keys(registry.resource[type] as object)).toHaveLength(1);
    }
  });

  test("merges the user's registry policy statements into pullguard's policy", () => {
    const policy = JSON.parse(resources(registry, "aws_ecr_registry_policy")[0]!.policy);
    expect(policy.Statement.map((s: TfJson) => s.Sid)).toEqual(["LetCiCreateRepositories"]);
  });

  test("writes the credential at apply time through a write-only argument fed by an ephemeral, sensitive variable", () => {
    expect(registry.variable.pullthroughcache_docker_hub_credential).toMatchObject({ type: "string", sensitive: true, nullable: false, ephemeral: true });
    const version = resources(registry, "aws_secretsmanager_secret_version")[0]!;
    expect(version.secret_string_wo).toBe("${var.pullthroughcache_docker_hub_credential}");
    expect(version.secret_string_wo_version).toBe(1);
    expect(version.secret_string).toBeUndefined();
    const rule = resources(registry, "aws_ecr_pull_through_cache_rule")[0]!;
    expect(rule.depends_on).toEqual([`aws_secretsmanager_secret_version.${Object.keys(registry.resource.aws_secretsmanager_secret_version)[0]}`]);
  });

  test("the report begins with what the first apply imports and replaces", () => {
    expect(firstApplyLines(plan).slice(0, 9)).toEqual([
      "# First apply",
      "",
      "- import (registry-123456789012-eu-west-1): credential secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf (value untouched unless the credential is apply-time)",
      "- import (registry-123456789012-eu-west-1): pull-through cache rule docker-hub (replaced if its upstream, credential or role differs)",
      "- import (registry-123456789012-eu-west-1): registry policy of 123456789012",
      "- import (registry-123456789012-eu-west-1): registry scanning configuration",
      "- replace (registry-123456789012-eu-west-1): scanning becomes BASIC SCAN_ON_PUSH for every repository",
      "- replace (registry-123456789012-eu-west-1): the registry policy becomes pullguard's statements plus registryPolicyStatements (statements not listed there are dropped)",
      "",
    ]);
  });
});
