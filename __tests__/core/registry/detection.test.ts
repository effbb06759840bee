/**
 * Registry plans (no cdktf): ECR usage alarms, the alert topic and quota increase requests.
 * Facts: docs/aws-facts.md.
 */
import { A, baseInput, plan, registry } from "../../helpers/registry-config";

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

describe("detection", () => {
  it("alarms on every ECR API at 80% of its per-minute quota by default", () => {
    const r = registry(plan(baseInput()), A, "us-east-1");
    expect(r.usageAlarms).toEqual([
      { api: "GetAuthorizationToken", name: "pullguard--ecr-GetAuthorizationToken-near-quota", query: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'GetAuthorizationToken'`, quotaCode: "L-55A41110", thresholdPerMinute: 24000 },
      { api: "BatchGetImage", name: "pullguard--ecr-BatchGetImage-near-quota", query: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'BatchGetImage'`, quotaCode: "L-16E70933", thresholdPerMinute: 96000 },
      { api: "GetDownloadUrlForLayer", name: "pullguard--ecr-GetDownloadUrlForLayer-near-quota", query: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'GetDownloadUrlForLayer'`, quotaCode: "L-A60A366D", thresholdPerMinute: 144000 },
      { api: "BatchCheckLayerAvailability", name: "pullguard--ecr-BatchCheckLayerAvailability-near-quota", query: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'BatchCheckLayerAvailability'`, quotaCode: "L-B9173138", thresholdPerMinute: 48000 },
    ]);
    expect(r.alertTopicName).toBe("pullguard--image-pulls");
    expect(r.quotaRequests).toEqual([]);
  });

  it.each([
    [0.7, [21000, 84000, 126000, 42000]],
    [0.55, [16500, 66000, 99000, 33000]],
    [0.9, [27000, 108000, 162000, 54000]],
  ])("computes floor(rate x 60 x %s) without float noise", (threshold, expected) => {
    const input = baseInput();
    input.detection = { usageAlarmThreshold: threshold };
    expect(registry(plan(input), A, "us-east-1").usageAlarms.map((a) => a.thresholdPerMinute)).toEqual(expected);
  });

  it("uses the Region's quota overrides in alarm thresholds", () => {
    const input = baseInput();
    input.pullBudget = { ecrQuotas: { "us-east-1": { GetDownloadUrlForLayer: { rate: 6000 } } } };
    const alarms = registry(plan(input), A, "us-east-1").usageAlarms;
    expect(alarms.find((a) => a.api === "GetDownloadUrlForLayer")).toMatchObject({ api: "GetDownloadUrlForLayer", quotaCode: "L-A60A366D", thresholdPerMinute: 288000 });
    expect(alarms.find((a) => a.api === "GetAuthorizationToken")!.thresholdPerMinute).toBe(24000);
  });

  it("requests quota increases only when asked and only above the default", () => {
    const overrides = { "us-east-1": { GetDownloadUrlForLayer: { rate: 6000 }, BatchGetImage: { rate: 1000 }, GetAuthorizationToken: { rate: 500 } } };
    const notAsked = baseInput();
    notAsked.pullBudget = { ecrQuotas: overrides };
    expect(registry(plan(notAsked), A, "us-east-1").quotaRequests).toEqual([]);

    const asked = baseInput();
    asked.pullBudget = { ecrQuotas: overrides };
    asked.detection = { requestQuotaIncreases: true };
    expect(registry(plan(asked), A, "us-east-1").quotaRequests).toEqual([{ api: "GetDownloadUrlForLayer", quotaCode: "L-A60A366D", value: 6000 }]);

    const otherRegion = baseInput();
    otherRegion.pullBudget = { ecrQuotas: { "eu-west-1": { GetDownloadUrlForLayer: { rate: 6000 } } } };
    otherRegion.detection = { requestQuotaIncreases: true };
    expect(registry(plan(otherRegion), A, "us-east-1").quotaRequests).toEqual([]);
  });

  it("drops alarms and the topic when detection is off", () => {
    const input = baseInput();
    input.detection = { usageAlarms: false, pullFailureEvents: false };
    const p = plan(input);
    const r = registry(p, A, "us-east-1");
    expect(r.usageAlarms).toEqual([]);
    expect(r.alertTopicName).toBeUndefined();
    expect(p.environments[0]!.alertTopicArn).toBeUndefined();
  });

  it("keeps the topic for pull-failure events alone, and points environments at it", () => {
    const input = baseInput();
    input.detection = { usageAlarms: false };
    const p = plan(input);
    expect(registry(p, A, "us-east-1").alertTopicName).toBe("pullguard--image-pulls");
    expect(p.environments[0]!.alertTopicArn).toBe(`arn:aws:sns:us-east-1:${A}:pullguard--image-pulls`);
  });
});
