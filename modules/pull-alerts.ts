import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { policyDocument } from "../core/iam";
import { jsonDocument } from "./json-document";
import type { UsageAlarmPlan } from "../core/plan-types";

export interface PullAlertsProps {
  readonly account: string;
  readonly region: string;
  readonly topicName: string;
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
    const topic = new SnsTopic(this, "topic", { name: props.topicName });
    new SnsTopicPolicy(this, "topic-policy", {
      arn: topic.arn,
      policy: jsonDocument(
        policyDocument([
          {
            Sid: "EventBridgeAndCloudWatchPublish",
            Effect: "Allow",
            Principal: { Service: ["cloudwatch.amazonaws.com", "events.amazonaws.com"] },
            Action: "sns:Publish",
            Resource: `arn:aws:sns:${props.region}:${props.account}:${props.topicName}`,
            Condition: { StringEquals: { "aws:SourceAccount": props.account } },
          },
        ]),
      ),
    });
    for (const alarm of props.alarms) {
      new CloudwatchMetricAlarm(this, `usage-${alarm.api}`, {
        alarmName: `ecr-${alarm.api}-near-quota`,
        alarmDescription: `ECR ${alarm.api} calls above ${alarm.thresholdPerMinute} a minute: near the per-second quota ${alarm.quotaCode}; pulls will throttle (CannotPullContainerError)`,
        namespace: "AWS/Usage",
        metricName: "CallCount",
        dimensions: { Service: "ECR", Type: "API", Resource: alarm.api, Class: "None" },
        statistic: "Sum",
        period: 60,
        evaluationPeriods: 1,
        threshold: alarm.thresholdPerMinute,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [topic.arn],
      });
    }
  }
}
