/**
 * The synthesized Terraform of the embedded example's registry stacks, resource family by resource
 * family: pull-through cache rules and their credential secrets, creation templates, quota alarms.
 * Pure planning logic is tested in *-plan tests.
 */
import { platform } from "../../config/platform";
import { ACCOUNT, clone, REGISTRY_EAST, REGISTRY_WEST, synthesizeEmbedded } from "../helpers/embedded-stacks";
import { resources, synthesize } from "../helpers/synth";

const { text, json, stack } = synthesizeEmbedded();

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
