import type { PlatformConfig, PlatformConfigInput } from "../../../config/schema";
import { FindingLog } from "../../../core/model/findings";
import { planPlatform } from "../../../core/plan";
import { checkPlatform, checkStackBackendNames, localStatePath, ownBackendStacks, planBackends } from "../../../core/plan/checks";
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
    expect(planBackends(parsed(), ["prod", "registry-111111111111-us-east-1"])).toEqual({
      prod: { type: "local", path: "../../../terraform-state/prod.tfstate" },
      "registry-111111111111-us-east-1": { type: "local", path: "../../../terraform-state/registry-111111111111-us-east-1.tfstate" },
    });
    expect(localStatePath("prod")).toBe("../../../terraform-state/prod.tfstate");
  });

  test("an S3 key is <keyPrefix>/<stack>.tfstate, the project by default; a stackBackends entry overrides its stack", () => {
    const config = parsed({ project: "shop", backend: BUCKET, stackBackends: { prod: { ...BUCKET, bucket: "prod-state", key: "prod/main.tfstate", useLockfile: false } } });
    expect(planBackends(config, ["prod", "registry-111111111111-us-east-1"])).toEqual({
      prod: { type: "s3", bucket: "prod-state", key: "prod/main.tfstate", region: "us-east-1", useLockfile: false, encrypt: true },
      "registry-111111111111-us-east-1": { type: "s3", bucket: "team-state", key: "shop/registry-111111111111-us-east-1.tfstate", region: "us-east-1", useLockfile: true, encrypt: true },
    });
    expect(ownBackendStacks(config, ["prod", "registry-111111111111-us-east-1"])).toEqual(["prod"]);
  });

  test("an empty keyPrefix puts the key at the bucket's root", () => {
    expect(planBackends(parsed({ backend: { ...BUCKET, keyPrefix: "" } }), ["prod"]).prod).toEqual({ type: "s3", bucket: "team-state", key: "prod.tfstate", region: "us-east-1", useLockfile: true, encrypt: true });
  });
});

describe("checkStackBackendNames", () => {
  test("an override for a stack that does not exist is an error listing the stacks", () => {
    const log = new FindingLog();
    checkStackBackendNames(parsed({ stackBackends: { prd: BUCKET, prod: BUCKET } }), ["prod", "registry-111111111111-us-east-1"], log);
    expect(findingLines(log)).toEqual(["error [-] stackBackends.prd: names no stack; stacks are: prod, registry-111111111111-us-east-1"]);
  });
});

describe("checkPlatform", () => {
  const TOPIC = "arn:aws:sns:us-east-1:111111111111:alerts";

  test("checks the stackBackends names and returns each stack's backend and the stacks with their own", () => {
    const config = parsed({ detection: { alarmTopicArn: TOPIC }, backend: BUCKET, stackBackends: { staging: BUCKET, "prod-us-west-2": { ...BUCKET, key: "west.tfstate" } } }, ["us-east-1", "us-west-2"]);
    const plan = planPlatform(config);
    const log = new FindingLog();
    const { backends, ownBackendStacks: own } = checkPlatform(config, plan.environments, plan.registries, log);
    expect(Object.keys(backends)).toEqual(["prod-us-east-1", "prod-us-west-2", "registry-111111111111-us-east-1", "registry-111111111111-us-west-2"]);
    expect(own).toEqual(["prod-us-west-2"]);
    // The alert topic's Region is judged by a pack rule (__tests__/rules/alert-topic.test.ts), not here.
    expect(findingLines(log).map((l) => l.split(":")[0])).toEqual(["error [-] stackBackends.staging"]);
  });
});
