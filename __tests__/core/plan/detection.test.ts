import { platform } from "../../../config/platform";
import type { PlatformConfigInput } from "../../../config/schema";
import { planPlatform } from "../../../core/plan";
import { widestPercentsWithinStartBudget } from "../../../core/budget/rollout";
import { resources, synthesize, validConfig } from "../../helpers/synth";

/**
 * Detection as AWS actually delivers it (issue 9, "What AWS would do differently"): usage alarms
 * that match what ECR publishes, pull failures Fargate reports as ResourceInitializationError, and
 * a user's own alert topic.
 */
const ACCOUNT = "111111111111";
const REGISTRY_EAST = `registry-${ACCOUNT}-us-east-1`;

function clone(input: PlatformConfigInput): PlatformConfigInput {
  return JSON.parse(JSON.stringify(input)) as PlatformConfigInput;
}

describe("ECR usage alarms", () => {
  const alarms = resources(synthesize().json[REGISTRY_EAST]!, "aws_cloudwatch_metric_alarm");

  test("are Metrics Insights query alarms with no Class dimension (ECR publishes none)", () => {
    expect(alarms).toHaveLength(4);
    const batchGetImage = alarms.find((a) => String(a.alarm_name).includes("BatchGetImage"))!;
    expect(batchGetImage.dimensions).toBeUndefined();
    expect(batchGetImage.namespace).toBeUndefined();
    expect(batchGetImage.metric_name).toBeUndefined();
    expect(batchGetImage.metric_query).toEqual([
      {
        id: "calls",
        expression: `SELECT SUM(CallCount) FROM "AWS/Usage" WHERE Service = 'ECR' AND Type = 'API' AND Resource = 'BatchGetImage'`,
        period: 60,
        return_data: true,
        label: "BatchGetImage calls per minute",
      },
    ]);
    // 2000/s x 60 s x 0.8
    expect(batchGetImage.threshold).toBe(96000);
  });

  test("no alarm in any stack mentions Class", () => {
    for (const text of Object.values(synthesize().text)) expect(text).not.toContain('"Class"');
  });
});

describe("pull-failure events", () => {
  test("match Fargate's ResourceInitializationError as well as CannotPullContainerError", () => {
    const rule = resources(synthesize().json.dev!, "aws_cloudwatch_event_rule").find((r) => r.name === "pullguard--dev-cannot-pull")!;
    const reasons = [{ prefix: "CannotPullContainerError" }, { prefix: "ResourceInitializationError" }];
    // In the task's stoppedReason, or only in a container's reason (a throttled pull: "Task failed to start").
    expect(JSON.parse(rule.event_pattern).detail.$or).toEqual([{ stoppedReason: reasons }, { containers: { reason: reasons } }]);
  });
});

describe("detection.alarmTopicArn", () => {
  const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:ops-alerts`;

  function singleRegion(): PlatformConfigInput {
    const config = clone(platform);
    delete config.environments.prod;
    config.detection = { alarmTopicArn: TOPIC };
    return config;
  }

  test("alarms and pull-failure rules publish to the given topic and no topic is created", () => {
    const result = synthesize(singleRegion());
    const registry = result.json[REGISTRY_EAST]!;
    expect(resources(registry, "aws_sns_topic")).toHaveLength(0);
    expect(resources(registry, "aws_sns_topic_policy")).toHaveLength(0);
    // One alarm per ECR API: GetAuthorizationToken, BatchGetImage, GetDownloadUrlForLayer, BatchCheckLayerAvailability.
    expect(resources(registry, "aws_cloudwatch_metric_alarm").map((alarm) => alarm.alarm_actions)).toEqual([[TOPIC], [TOPIC], [TOPIC], [TOPIC]]);
    for (const stack of ["dev", "staging"]) {
      expect(resources(result.json[stack]!, "aws_cloudwatch_event_target").map((t) => t.arn)).toEqual([TOPIC]);
    }
  });

  test("a topic in another Region than a stack that would publish to it is a config error", () => {
    const config = clone(platform);
    config.detection = { alarmTopicArn: TOPIC };
    const errors = planPlatform(validConfig(config)).findings.filter((f) => f.level === "error");
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      `detection.alarmTopicArn: is in us-east-1, but stacks prod-us-west-2, registry-${ACCOUNT}-us-west-2 run in us-west-2; CloudWatch alarms and EventBridge rules publish only to a topic in their own Region (leave alarmTopicArn unset to create one topic per account and Region)`,
    ]);
  });
});

describe("minimumHealthyPercentFloor", () => {
  test("150 tasks, 2 at once: min 99 / max 101 starts 2 (min 100 could start only 1)", () => {
    // floor(150*101/100) - ceil(150*99/100) = 151 - 149 = 2
    expect(widestPercentsWithinStartBudget({ desiredCount: 150, maxConcurrentStarts: 2, minimumHealthyPercentFloor: 90 })).toEqual({
      minimumHealthyPercent: 99,
      maximumPercent: 101,
      concurrentStarts: 2,
      fitsBudget: true,
    });
    // The default floor 100 keeps availability: max 101 starts floor(151.5) - 150 = 1.
    expect(widestPercentsWithinStartBudget({ desiredCount: 150, maxConcurrentStarts: 2, minimumHealthyPercentFloor: 100 })).toEqual({
      minimumHealthyPercent: 100,
      maximumPercent: 101,
      concurrentStarts: 1,
      fitsBudget: true,
    });
  });

  test("the planner uses it for a service (150 tasks, at most 2 at once, floor 95)", () => {
    const config = clone(platform);
    config.environments.dev!.services!.web = { image: "nginx:1.27.3", desiredCount: 150, deployment: { maxConcurrentStarts: 2, minimumHealthyPercentFloor: 95 } };
    const web = planPlatform(validConfig(config)).environments.find((e) => e.stackName === "dev")!.services.find((s) => s.name === "web")!;
    expect(web.rollout).toMatchObject({ minimumHealthyPercent: 99, maximumPercent: 101, concurrentStarts: 2 });
  });
});
