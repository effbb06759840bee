import type { FindingDefinition } from "../../model/findings";

export const alarmTopicRegion: FindingDefinition = {
  id: "PG-ALARM-TOPIC-REGION",
  level: "error",
  description: "detection.alarmTopicArn is in another Region than stacks that publish to it.",
  why: "CloudWatch alarms and EventBridge rules publish only to an SNS topic in their own Region.",
  fix: "Leave alarmTopicArn unset to create one topic per account and Region.",
  suppressible: false,
};
