import { Construct } from "constructs";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { ITerraformDependable } from "cdktf";
import type { AutoscalingPlan } from "../core/model";

/**
 * Application Auto Scaling for one service: the scalable target and either a target tracking policy
 * or bounded step scaling (one alarm and policy each way).
 */
export class ServiceAutoscaling extends Construct {
  constructor(scope: Construct, id: string, props: { readonly plan: AutoscalingPlan; readonly serviceName: string; readonly service: ITerraformDependable }) {
    super(scope, id);
    const { plan } = props;
    const target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: plan.resourceId,
      minCapacity: plan.min,
      maxCapacity: plan.max,
      dependsOn: [props.service],
    });
    const common = { serviceNamespace: target.serviceNamespace, scalableDimension: target.scalableDimension, resourceId: target.resourceId };
    const p = plan.policy;
    if (p.type === "target-tracking") {
      new AppautoscalingPolicy(this, "target-tracking", {
        ...common,
        name: `${props.serviceName}-target-tracking`,
        policyType: "TargetTrackingScaling",
        targetTrackingScalingPolicyConfiguration: {
          targetValue: p.target,
          scaleOutCooldown: p.scaleOutCooldownSeconds,
          scaleInCooldown: p.scaleInCooldownSeconds,
          predefinedMetricSpecification: { predefinedMetricType: p.predefinedMetric, ...(p.resourceLabel ? { resourceLabel: p.resourceLabel } : {}) },
        },
      });
      return;
    }
    const step = (direction: "out" | "in", adjustment: number) =>
      new AppautoscalingPolicy(this, `scale-${direction}`, {
        ...common,
        name: `${props.serviceName}-scale-${direction}`,
        policyType: "StepScaling",
        stepScalingPolicyConfiguration: {
          adjustmentType: "ChangeInCapacity",
          cooldown: p.cooldownSeconds,
          metricAggregationType: "Average",
          stepAdjustment: [direction === "out" ? { metricIntervalLowerBound: "0", scalingAdjustment: adjustment } : { metricIntervalUpperBound: "0", scalingAdjustment: adjustment }],
        },
      });
    const alarm = (direction: "out" | "in", name: string, threshold: number, policyArn: string) =>
      new CloudwatchMetricAlarm(this, `alarm-${direction}`, {
        alarmName: name,
        alarmDescription: `Scale ${props.serviceName} ${direction}`,
        namespace: "AWS/ECS",
        metricName: p.metricName,
        dimensions: { ClusterName: plan.clusterName, ServiceName: props.serviceName },
        statistic: "Average",
        period: 60,
        evaluationPeriods: direction === "out" ? 2 : 10,
        threshold,
        comparisonOperator: direction === "out" ? "GreaterThanThreshold" : "LessThanThreshold",
        alarmActions: [policyArn],
      });
    alarm("out", p.scaleOutAlarmName, p.scaleOutAbove, step("out", p.maxAdjustment).arn);
    alarm("in", p.scaleInAlarmName, p.scaleInBelow, step("in", -1).arn);
  }
}
