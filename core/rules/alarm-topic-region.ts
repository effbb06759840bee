import { byCodePoint } from "../sort";
import * as catalogue from "./catalogue";
import type { Rule } from "./rule";

/**
 * CloudWatch alarm actions and EventBridge SNS targets reach a topic in their own Region only: a
 * user topic (detection.alarmTopicArn, the alertTopicArn of every stack) in one Region cannot serve
 * the publishing stacks in another. The topics pullguard creates are in their own stack's Region.
 */
export const alarmTopicRegion: Rule = {
  definition: catalogue.alarmTopicRegion,
  check: ({ plan }) => {
    const publishers = [
      ...plan.registries.filter((r) => r.usageAlarms.length > 0).map((r) => ({ stackName: r.stackName, region: r.region, topic: r.alertTopicArn })),
      ...plan.environments.filter((e) => e.pullFailureEvents).map((e) => ({ stackName: e.stackName, region: e.region, topic: e.alertTopicArn })),
    ];
    const byTopic = new Map<string, { stackName: string; region: string }[]>();
    for (const { topic, ...publisher } of publishers) {
      if (topic === undefined || topic.split(":")[3] === publisher.region) continue;
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), publisher]);
    }
    return [...byTopic].map(([topic, elsewhere]) => {
      const stacks = elsewhere.map((s) => s.stackName).sort(byCodePoint);
      const regions = [...new Set(elsewhere.map((s) => s.region))].sort(byCodePoint);
      return {
        path: "detection.alarmTopicArn",
        message: `is in ${topic.split(":")[3]}, but stack${stacks.length === 1 ? "" : "s"} ${stacks.join(", ")} run${stacks.length === 1 ? "s" : ""} in ${regions.join(", ")}; CloudWatch alarms and EventBridge rules publish only to a topic in their own Region (leave alarmTopicArn unset to create one topic per account and Region)`,
      };
    });
  },
};
