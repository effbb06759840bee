import type { PlatformConfigInput } from "../../../config/schema";
import { FindingLog } from "../../../core/model/findings";
import type { CacheRulePlan } from "../../../core/model/plan-types";
import { quotasFor } from "../../../core/plan/support";
import { alertTopicArnFor, lifecyclePolicyDocument, planCacheRules, planRegistry, usageQuery, usesAlertTopic, type RegistryInputs } from "../../../core/registry/plan";
import { findingLines, parsedConfig, TEST_VPC as VPC } from "../../helpers/plan-steps";

const ACCOUNT = "111111111111";

function config(extra: Partial<PlatformConfigInput> = {}, registry?: NonNullable<PlatformConfigInput["accounts"][string]["registry"]>) {
  return parsedConfig({
    accounts: { main: { id: ACCOUNT, ...(registry ? { registry } : {}) } },
    environments: { prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: {} } },
    ...extra,
  });
}

function inputs(extra: Partial<PlatformConfigInput> = {}, overrides: Partial<RegistryInputs> = {}): RegistryInputs {
  const c = config(extra);
  const { quotas, overridden } = quotasFor(c, "us-east-1");
  return {
    project: c.project,
    accountAlias: "main",
    account: ACCOUNT,
    region: "us-east-1",
    registry: c.accounts.main!.registry,
    cacheRules: [],
    replicationRules: [],
    replicationSourceAccounts: [],
    receivesReplication: false,
    quotas,
    quotasOverridden: overridden,
    detection: c.detection,
    tags: c.tags,
    ...overrides,
  };
}

const QUAY_RULE: CacheRulePlan = { kind: "quay", prefix: "quay", upstreamRegistryUrl: "quay.io", configPath: "accounts.main.registry.pullThroughCache.quay" };

describe("planRegistry", () => {
  test("usage alarms at 80% of each ECR API quota, summed per minute (rate x 60 x 0.8)", () => {
    const registry = planRegistry(inputs());
    expect(registry.usageAlarms.map((a) => [a.api, a.name, a.quotaCode, a.thresholdPerMinute])).toEqual([
      ["GetAuthorizationToken", "pullguard--ecr-GetAuthorizationToken-near-quota", "L-55A41110", 24000], // 500 x 48
      ["BatchGetImage", "pullguard--ecr-BatchGetImage-near-quota", "L-16E70933", 96000], // 2000 x 48
      ["GetDownloadUrlForLayer", "pullguard--ecr-GetDownloadUrlForLayer-near-quota", "L-A60A366D", 144000], // 3000 x 48
      ["BatchCheckLayerAvailability", "pullguard--ecr-BatchCheckLayerAvailability-near-quota", "L-B9173138", 48000], // 1000 x 48
    ]);
    expect(registry.quotaRequests).toEqual([]);
  });

  test("a threshold whose product is a float a hair under the integer still alarms at the integer", () => {
    // 3000 x 60 x 0.7 is 125999.99999999999 in doubles; the alarm must fire at 126000 calls, not 125999.
    const registry = planRegistry(inputs({ detection: { usageAlarmThreshold: 0.7 } }));
    expect(registry.usageAlarms.find((a) => a.api === "GetDownloadUrlForLayer")!.thresholdPerMinute).toBe(126000);
  });

  test("quota increases are requested only when opted in, and only for overrides above the default", () => {
    const ecrQuotas = { "us-east-1": { BatchGetImage: { rate: 4000 }, GetAuthorizationToken: { rate: 100 } } };
    expect(planRegistry(inputs({ pullBudget: { ecrQuotas } })).quotaRequests).toEqual([]);
    expect(planRegistry(inputs({ pullBudget: { ecrQuotas }, detection: { requestQuotaIncreases: true } })).quotaRequests).toEqual([{ api: "BatchGetImage", quotaCode: "L-16E70933", value: 4000 }]);
  });

  test("one creation template per cache rule; a registry that replicates applies them to replication too, and a receiving one adds ROOT", () => {
    expect(planRegistry(inputs({}, { cacheRules: [QUAY_RULE] })).templates).toEqual([{ prefix: "quay", appliedFor: ["PULL_THROUGH_CACHE"], description: "Repositories cached from quay.io" }]);
    expect(planRegistry(inputs({}, { cacheRules: [QUAY_RULE], receivesReplication: true })).templates).toEqual([
      { prefix: "quay", appliedFor: ["PULL_THROUGH_CACHE", "REPLICATION"], description: "Repositories cached from quay.io" },
      { prefix: "ROOT", appliedFor: ["REPLICATION"], description: "Repositories created by replication into this registry" },
    ]);
  });

  test("without a registry block: immutable AES256 templates keeping 100 tagged images, no scanning", () => {
    const registry = planRegistry(inputs());
    expect(registry.stackName).toBe("registry-111111111111-us-east-1");
    expect(registry.templateSettings).toEqual({ tagMutability: "IMMUTABLE", encryption: { type: "AES256" }, resourceTags: {}, lifecyclePolicy: lifecyclePolicyDocument(14, 100) });
    expect(registry.scanning).toBeUndefined();
  });

  test("the alert topic is created here unless detection names the user's own", () => {
    const created = planRegistry(inputs());
    expect([created.alertTopicName, created.alertTopicArn]).toEqual(["pullguard--image-pulls", "arn:aws:sns:us-east-1:111111111111:pullguard--image-pulls"]);
    expect(created.alertTopicPolicy).toBeDefined();
    const own = planRegistry(inputs({ detection: { alarmTopicArn: "arn:aws:sns:us-east-1:111111111111:ops" } }));
    expect([own.alertTopicName, own.alertTopicArn, own.alertTopicPolicy]).toEqual([undefined, "arn:aws:sns:us-east-1:111111111111:ops", undefined]);
    const silent = planRegistry(inputs({ detection: { usageAlarms: false, pullFailureEvents: false } }));
    expect([silent.usageAlarms, silent.alertTopicName, silent.alertTopicArn]).toEqual([[], undefined, undefined]);
  });
});

describe("alert topic helpers", () => {
  test("usesAlertTopic is true when anything publishes; alertTopicArnFor prefers the user's topic", () => {
    const detection = config().detection;
    expect(usesAlertTopic(detection)).toBe(true);
    expect(usesAlertTopic({ ...detection, usageAlarms: false, pullFailureEvents: false })).toBe(false);
    expect(alertTopicArnFor(detection, "shop", { account: ACCOUNT, region: "eu-west-1" })).toBe("arn:aws:sns:eu-west-1:111111111111:shop--image-pulls");
    expect(alertTopicArnFor({ ...detection, alarmTopicArn: "arn:aws:sns:us-east-1:111111111111:ops" }, "shop", { account: ACCOUNT, region: "eu-west-1" })).toBe("arn:aws:sns:us-east-1:111111111111:ops");
  });

  test("usageQuery sums ECR's AWS/Usage CallCount of one API", () => {
    expect(usageQuery("BatchGetImage")).toBe(`SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'BatchGetImage'`);
  });
});

describe("lifecyclePolicyDocument", () => {
  test("untagged images expire after N days; tagged ones beyond the newest M", () => {
    expect(lifecyclePolicyDocument(7, 50)).toEqual({
      rules: [
        { rulePriority: 1, description: "Expire untagged images 7 days after push", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } },
        { rulePriority: 2, description: "Keep the newest 50 tagged images", selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 50 }, action: { type: "expire" } },
      ],
    });
  });
});

describe("planCacheRules", () => {
  const ctx = (log: FindingLog) => ({ accountAlias: "main", account: ACCOUNT, region: "us-east-1", basePath: "accounts.main.registry", log, stack: "registry-111111111111-us-east-1" });

  test("credentialed upstreams get a secret pullguard creates, named ecr-pullthroughcache/<prefix>; rules sorted by prefix", () => {
    const cache = config({}, { pullThroughCache: { quay: true, ghcr: { credential: { source: "create" } } } }).accounts.main!.registry!.pullThroughCache;
    const log = new FindingLog();
    const rules = planCacheRules(cache, ctx(log));
    expect(rules.map((r) => [r.prefix, r.upstreamRegistryUrl, r.credential?.source === "create" ? r.credential.secretName : undefined])).toEqual([
      ["ghcr", "ghcr.io", "ecr-pullthroughcache/ghcr"],
      ["quay", "quay.io", undefined],
    ]);
    expect(findingLines(log)).toEqual([]);
  });

  test("an existing credential secret must exist for the rule's Region, in the registry's account", () => {
    const cache = config({}, { pullThroughCache: { dockerHub: { credential: { source: "existing", secretArns: { "eu-west-1": "arn:aws:secretsmanager:eu-west-1:111111111111:secret:ecr-pullthroughcache/docker-hub-AbCdEf" } } } } }).accounts.main!.registry!.pullThroughCache;
    const log = new FindingLog();
    const rules = planCacheRules(cache, ctx(log));
    // Planned without a credential; PG-CACHE-SECRET-REGION judges it on the plan (__tests__/rules/planner-registry.test.ts).
    expect(rules.map((r) => [r.prefix, r.credential])).toEqual([["docker-hub", undefined]]);
    expect(findingLines(log)).toEqual([]);
  });
});
