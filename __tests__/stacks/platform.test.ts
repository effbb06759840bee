/**
 * The synthesized Terraform of the embedded example as a whole: which stacks there are and what
 * each registry stack gets from the others, providers, backends and tags, determinism, and the
 * planner's warnings as annotations on the stack they concern.
 * Pure planning logic is tested in *-plan tests.
 */
import { Testing } from "cdktf";
import { platform } from "../../config/platform";
import type { PolicyDocument } from "../../core/iam";
import { planPlatform } from "../../core/plan";
import { addPlatformStacks } from "../../stacks/platform";
import { ACCOUNT, clone, REGISTRY_EAST, REGISTRY_WEST, synthesizeEmbedded } from "../helpers/embedded-stacks";
import { resources, synthesize, validConfig, type TfJson } from "../helpers/synth";

const { text, json, stack } = synthesizeEmbedded();

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
    // Every stack, write-only arguments or not: one Terraform applies them all (stacks/pullguard-stack.ts).
    expect(stack(name).terraform.required_version).toBe(">=1.11.0");
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
