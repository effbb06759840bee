import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import type { PolicyDocument } from "../core/iam";
import { jsonDocument } from "./json-document";
import type { UsageAlarmPlan } from "../core/model";

export interface PullAlertsProps {
  /** Set when pullguard creates the topic, with its policy (core/registry/policies.ts); unset when detection.alarmTopicArn names the user's own. */
  readonly topic?: { readonly name: string; readonly policy: PolicyDocument };
  /** Where the alarms publish: the created topic's ARN, or the user's. */
  readonly topicArn: string;
  readonly alarms: readonly UsageAlarmPlan[];
}

/**
 * "Confirm the cause" before blaming the network: CloudWatch alarms on ECR's own API usage
 * (AWS/Usage CallCount per API) and the SNS topic that the environments' pull-failure rules use.
 * Both are per account and Region, like ECR's quotas, so they live in the registry stack.
 */
export class PullAlerts extends Construct {
  constructor(scope: Construct, id: string, props: PullAlertsProps) {
    super(scope, id);
    let topicArn = props.topicArn;
    if (props.topic !== undefined) {
      const topic = new SnsTopic(this, "topic", { name: props.topic.name });
      topicArn = topic.arn;
      new SnsTopicPolicy(this, "topic-policy", { arn: topic.arn, policy: jsonDocument(props.topic.policy) });
    }
    for (const alarm of props.alarms) {
      new CloudwatchMetricAlarm(this, `usage-${alarm.api}`, {
        alarmName: alarm.name,
        alarmDescription: `ECR ${alarm.api} calls above ${alarm.thresholdPerMinute} a minute: near the per-second quota ${alarm.quotaCode}; pulls will throttle (CannotPullContainerError)`,
        // A Metrics Insights query matches whatever dimension set ECR publishes (docs/quotas.md);
        // a plain metric alarm matches only its exact dimensions, and ECR publishes no Class.
        metricQuery: [{ id: "calls", expression: alarm.query, period: 60, returnData: true, label: `${alarm.api} calls per minute` }],
        evaluationPeriods: 1,
        threshold: alarm.thresholdPerMinute,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [topicArn],
      });
    }
  }
}
