import type { PlatformConfig, PlatformConfigInput } from "../../../config/schema";
import { FindingLog } from "../../../core/model/findings";
import { planPlatform } from "../../../core/plan";
import { checkAlarmTopicRegion, checkPlatform, checkStackBackendNames, localStatePath, planBackends } from "../../../core/plan/checks";
import { findingLines, parsedConfig, TEST_VPC as VPC } from "../../helpers/plan-steps";

const BUCKET = { type: "s3" as const, bucket: "team-state", region: "us-east-1" };

function parsed(extra: Partial<PlatformConfigInput> = {}, regions: string[] = ["us-east-1"]): PlatformConfig {
  return parsedConfig({
    accounts: { main: { id: "111111111111" } },
    environments: { prod: { account: "main", regions: Object.fromEntries(regions.map((r) => [r, { vpc: VPC }])), services: {} } },
    ...extra,
  });
}

describe("planBackends", () => {
  test("local state sits outside cdktf.out, one file per stack", () => {
    const log = new FindingLog();
    expect(planBackends(parsed(), ["prod", "registry-111111111111-us-east-1"], log)).toEqual({
      prod: { type: "local", path: "../../../terraform-state/prod.tfstate" },
      "registry-111111111111-us-east-1": { type: "local", path: "../../../terraform-state/registry-111111111111-us-east-1.tfstate" },
    });
    expect(localStatePath("prod")).toBe("../../../terraform-state/prod.tfstate");
    expect(findingLines(log)).toEqual([]);
  });

  test("an S3 key is <keyPrefix>/<stack>.tfstate, the project by default; a stackBackends entry overrides its stack", () => {
    const config = parsed({ project: "shop", backend: BUCKET, stackBackends: { prod: { ...BUCKET, bucket: "prod-state", key: "prod/main.tfstate", useLockfile: false } } });
    const log = new FindingLog();
    expect(planBackends(config, ["prod", "registry-111111111111-us-east-1"], log)).toEqual({
      prod: { type: "s3", bucket: "prod-state", key: "prod/main.tfstate", region: "us-east-1", useLockfile: false, encrypt: true },
      "registry-111111111111-us-east-1": { type: "s3", bucket: "team-state", key: "shop/registry-111111111111-us-east-1.tfstate", region: "us-east-1", useLockfile: true, encrypt: true },
    });
    expect(findingLines(log)).toEqual([]);
  });

  test("an empty keyPrefix puts the key at the bucket's root", () => {
    const log = new FindingLog();
    expect(planBackends(parsed({ backend: { ...BUCKET, keyPrefix: "" } }), ["prod"], log).prod).toEqual({ type: "s3", bucket: "team-state", key: "prod.tfstate", region: "us-east-1", useLockfile: true, encrypt: true });
  });

  test("two stacks with one state file is an error at the override that causes it", () => {
    const config = parsed({ backend: BUCKET, stackBackends: { dev: { ...BUCKET, key: "pullguard/prod.tfstate" } } });
    const log = new FindingLog();
    planBackends(config, ["dev", "prod"], log);
    expect(findingLines(log)).toEqual(["error [-] stackBackends.dev: stores state at s3://team-state/pullguard/prod.tfstate, which stack prod also uses; every stack needs its own state"]);
  });
});

describe("checkStackBackendNames", () => {
  test("an override for a stack that does not exist is an error listing the stacks", () => {
    const log = new FindingLog();
    checkStackBackendNames(parsed({ stackBackends: { prd: BUCKET, prod: BUCKET } }), ["prod", "registry-111111111111-us-east-1"], log);
    expect(findingLines(log)).toEqual(["error [-] stackBackends.prd: names no stack; stacks are: prod, registry-111111111111-us-east-1"]);
  });
});

describe("checkAlarmTopicRegion and checkPlatform", () => {
  const TOPIC = "arn:aws:sns:us-east-1:111111111111:alerts";

  test("a topic in the stacks' own Region is fine", () => {
    const config = parsed({ detection: { alarmTopicArn: TOPIC } });
    const plan = planPlatform(config);
    const log = new FindingLog();
    checkAlarmTopicRegion(config, plan.environments, plan.registries, log);
    expect(findingLines(log)).toEqual([]);
  });

  test("a topic in another Region than some publishing stacks is one error naming them", () => {
    const config = parsed({ detection: { alarmTopicArn: TOPIC } }, ["us-east-1", "us-west-2"]);
    const plan = planPlatform(config);
    const log = new FindingLog();
    checkAlarmTopicRegion(config, plan.environments, plan.registries, log);
    expect(findingLines(log)).toEqual([
      "error [-] detection.alarmTopicArn: is in us-east-1, but stacks prod-us-west-2, registry-111111111111-us-west-2 run in us-west-2; CloudWatch alarms and EventBridge rules publish only to a topic in their own Region (leave alarmTopicArn unset to create one topic per account and Region)",
    ]);
  });

  test("checkPlatform runs every whole-platform check and returns each stack's backend", () => {
    const config = parsed({ detection: { alarmTopicArn: TOPIC }, stackBackends: { staging: BUCKET } }, ["us-east-1", "us-west-2"]);
    const plan = planPlatform(config);
    const log = new FindingLog();
    const backends = checkPlatform(config, plan.environments, plan.registries, log);
    expect(Object.keys(backends)).toEqual(["prod-us-east-1", "prod-us-west-2", "registry-111111111111-us-east-1", "registry-111111111111-us-west-2"]);
    expect(findingLines(log).map((l) => l.split(":")[0])).toEqual(["error [-] detection.alarmTopicArn", "error [-] stackBackends.staging"]);
  });
});
