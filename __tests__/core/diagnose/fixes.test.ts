/**
 * The fix for every cause, from the real message shapes (fixtures/diagnose/shapes/tasks.json, all
 * stopped tasks of prod's orders service in us-east-1) against the embedded config. Expected paths
 * and statuses are read off the embedded config by hand: prod caches Docker Hub, ECR Public, Quay
 * and GHCR; it creates the ECR, S3 and Secrets Manager endpoints; orders pulls its own ECR image and
 * a fluent-bit sidecar through the ECR Public cache, and references one Secrets Manager secret.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConfig } from "../../../config/load";
import { platform } from "../../../config/platform";
import { diagnose, linkPlan, readEvidenceFile } from "../../../core/diagnose";
import { planPlatform } from "../../../core/plan";

const loaded = parseConfig(platform);
if (!loaded.ok) throw new Error("embedded config invalid");
const read = readEvidenceFile(readFileSync(join(__dirname, "..", "..", "fixtures", "diagnose", "shapes", "tasks.json")), "tasks.json");
if (!read.ok) throw new Error(read.problem);
const diagnosis = diagnose(read.evidence, { link: linkPlan(planPlatform(loaded.config)), environment: "prod" });
const orders = diagnosis.windows.filter((w) => w.service === "orders");
const fixes = new Map(orders.flatMap((w) => w.causes).map((c) => [`${c.id}${c.detail.action ? ` ${c.detail.action}` : ""}`, c.fix]));

test("all shapes of orders fall in one window", () => {
  expect(orders.map((w) => [w.start, w.end])).toEqual([["2026-03-04T14:10:09Z", "2026-03-04T14:37:09Z"]]);
});

test.each([
  ["ecr-throttling", "environments.prod.services.orders.deployment", "unknown"],
  ["ecr-public-rate-limit", "accounts.main.registry.pullThroughCache.ecrPublic", "fixed"],
  ["docker-hub-anonymous", "accounts.main.registry.pullThroughCache.dockerHub", "fixed"],
  ["docker-hub-authenticated", "accounts.main.registry.pullThroughCache.dockerHub", "fixed"],
  ["docker-hub-abuse", "accounts.main.registry.pullThroughCache.dockerHub", "fixed"],
  ["resource-init-network", "environments.prod.endpoints", "fixed"],
  // The SSM parameter is not among the secrets orders references: the generated role does not grant it.
  ["resource-init-iam ssm:GetParameters", "environments.prod.services.orders.secrets", "not-fixed"],
  ["resource-init-throttling", "environments.prod.services.orders.deployment", "unknown"],
  ["resource-init-kms", "environments.prod.services.orders.secrets", "unknown"],
  // orders pulls nothing through the Docker Hub cache: its role rightly lacks these.
  ["iam-cache-import ecr:BatchImportUpstreamImage", "environments.prod.services.orders", "not-fixed"],
  ["iam-cache-create-repository ecr:CreateRepository", "environments.prod.services.orders", "not-fixed"],
  ["iam-repository-pull ecr:BatchGetImage", "environments.prod.services.orders", "fixed"],
  ["iam-repository-pull ecr:GetAuthorizationToken", "environments.prod.services.orders", "fixed"],
  ["network-no-route-ecr", "environments.prod.endpoints", "fixed"],
  ["network-s3-gateway-missing", "environments.prod.endpoints", "fixed"],
  ["network-endpoint-policy", "environments.prod.endpoints.restrictToAccount", "unknown"],
  ["network-timeout", "environments.prod.endpoints", "fixed"],
  ["image-tag-not-found", "environments.prod.services.orders.image", "unknown"],
  ["image-digest-not-found", "accounts.main.registry.repositoryTemplates", "unknown"],
  ["image-archived", "accounts.main.registry.repositoryTemplates", "unknown"],
  ["image-repository-not-found", "accounts.main.registry.pullThroughCache.quay", "fixed"],
  ["ptc-upstream-auth", "accounts.main.registry.pullThroughCache.dockerHub.credential", "unknown"],
])("%s -> %s (%s)", (cause, configPath, status) => {
  const fix = fixes.get(cause);
  expect([fix?.configPath, fix?.status]).toEqual([configPath, status]);
});

test("the cache credential fix names the secret pullguard created", () => {
  expect(fixes.get("ptc-upstream-auth")?.change).toBe(`aws secretsmanager put-secret-value --secret-id ecr-pullthroughcache/docker-hub --secret-string '{"username":"...","accessToken":"..."}'`);
});

test("throttling without the service events says what is missing instead of guessing a burst", () => {
  expect(fixes.get("ecr-throttling")?.explanation).toBe("the evidence shows no task start burst (add the service events); this config now starts at most 25 (pull budget 25)");
});

test("a ResourceInitializationError with no detail gets no guessed fix", () => {
  expect(fixes.has("resource-init-other")).toBe(true);
  expect(fixes.get("resource-init-other")).toBeUndefined();
});
