import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { EventPattern, PullFailureAlarmPlan } from "../core/model";
import { jsonDocument } from "./json-document";

export interface PullFailureEventsProps {
  readonly name: string;
  readonly eventPattern: EventPattern;
  readonly topicArn: string;
}

/** Tasks of this cluster that stopped because an image could not be pulled, sent to the alert topic. */
export class PullFailureEvents extends Construct {
  constructor(scope: Construct, id: string, props: PullFailureEventsProps) {
    super(scope, id);
    const rule = new CloudwatchEventRule(this, "rule", {
      name: props.name,
      description: "ECS tasks stopped with CannotPullContainerError or ResourceInitializationError (failed image pulls, registry auth or secrets)",
      eventPattern: jsonDocument(props.eventPattern),
    });
    new CloudwatchEventTarget(this, "to-topic", { rule: rule.name, arn: props.topicArn, targetId: "alert-topic" });
  }
}

export interface PullFailureAlarmProps {
  readonly alarm: PullFailureAlarmPlan;
  readonly serviceName: string;
}

/**
 * One service's own pull failures: a rule with no target (its `AWS/Events` `TriggeredRules` metric
 * is what counts) and the alarm on that metric the service's deployments roll back on. The
 * environment's rule above does the notifying.
 */
export class PullFailureAlarm extends Construct {
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: PullFailureAlarmProps) {
    super(scope, id);
    const { alarm } = props;
    const rule = new CloudwatchEventRule(this, "rule", {
      name: alarm.ruleName,
      description: `Tasks of ${props.serviceName} stopped on a failed image pull (CannotPullContainerError or ResourceInitializationError): counted for its rollback alarm`,
      eventPattern: jsonDocument(alarm.eventPattern),
    });
    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName: alarm.alarmName,
      alarmDescription: `${props.serviceName}: a task could not pull its image; a deployment in progress rolls back`,
      namespace: alarm.metric.namespace,
      metricName: alarm.metric.name,
      dimensions: { RuleName: rule.name },
      statistic: alarm.statistic,
      period: alarm.periodSeconds,
      evaluationPeriods: alarm.evaluationPeriods,
      datapointsToAlarm: alarm.evaluationPeriods,
      threshold: alarm.threshold,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      // The metric exists only in minutes a task failed a pull: no data is the healthy state.
      treatMissingData: "notBreaching",
    });
  }
}
