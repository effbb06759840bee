/**
 * The user's alert topic against the Regions of the stacks publishing to it (core/rules/alert-topic.ts):
 * registry stacks publish usage alarms, environment stacks pull-failure events.
 */
import type { PlatformConfigInput } from "../../config/schema";
import { alarmTopicRegion } from "../../core/rules/alarm-topic-region";
import { ACCOUNT, findingsOf, OWN_IMAGE, platform, SECOND_VPC, VPC } from "./rule-cases";

const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`;
const web = { web: { image: OWN_IMAGE, desiredCount: 1 } };
const inRegions = (regions: string[], detection: PlatformConfigInput["detection"]) =>
  platform(web, { regions: Object.fromEntries(regions.map((r, i) => [r, { vpc: i === 0 ? VPC : SECOND_VPC }])) }, { accounts: { main: { id: ACCOUNT } }, detection });
const lines = (config: PlatformConfigInput) => findingsOf(config, alarmTopicRegion).map((f) => `${f.level} ${f.stack ?? "-"} ${f.path}: ${f.message}`);

describe("the alert topic's Region", () => {
  test("a topic in the stacks' own Region is fine", () => {
    expect(lines(inRegions(["us-east-1"], { alarmTopicArn: TOPIC }))).toEqual([]);
  });

  test("a topic in another Region than some publishing stacks is one error naming them", () => {
    expect(lines(inRegions(["us-east-1", "us-west-2"], { alarmTopicArn: TOPIC }))).toEqual([
      "error - detection.alarmTopicArn: is in us-east-1, but stacks prod-us-west-2, registry-111111111111-us-west-2 run in us-west-2; CloudWatch alarms and EventBridge rules publish only to a topic in their own Region (leave alarmTopicArn unset to create one topic per account and Region)",
    ]);
  });

  test("only the stacks that publish count: without pull-failure events the registry stack alone is named", () => {
    expect(lines(inRegions(["us-east-1", "us-west-2"], { alarmTopicArn: TOPIC, pullFailureEvents: false }))).toEqual([
      "error - detection.alarmTopicArn: is in us-east-1, but stack registry-111111111111-us-west-2 runs in us-west-2; CloudWatch alarms and EventBridge rules publish only to a topic in their own Region (leave alarmTopicArn unset to create one topic per account and Region)",
    ]);
  });

  test("nothing publishes: a topic in another Region is never used", () => {
    expect(lines(inRegions(["us-west-2"], { alarmTopicArn: TOPIC, pullFailureEvents: false, usageAlarms: false }))).toEqual([]);
  });

  test("without alarmTopicArn each account and Region gets its own topic, in its own Region", () => {
    expect(lines(inRegions(["us-east-1", "us-west-2"], {}))).toEqual([]);
  });
});
