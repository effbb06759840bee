import { z } from "zod";
import { defaultedFromFields, snsTopicArn } from "./primitives";

/** Alarms and events that tell a team its pulls are throttled or failing. */
export const detection = defaultedFromFields(
  z.strictObject({
    usageAlarms: z.boolean().default(true).describe("CloudWatch alarms on AWS/Usage CallCount of the ECR APIs. Default true."),
    usageAlarmThreshold: z.number().gt(0).max(1).default(0.8).describe("Share of the quota that raises the alarm. Default 0.8."),
    pullFailureEvents: z
      .boolean()
      .default(true)
      .describe("EventBridge rule for tasks stopped with CannotPullContainerError or ResourceInitializationError. Default true."),
    alarmTopicArn: snsTopicArn
      .optional()
      .describe(
        "Your SNS topic for usage alarms and pull-failure events, instead of the one pullguard creates per account and Region. Every stack that publishes must run in the topic's Region; the topic policy must let cloudwatch.amazonaws.com and events.amazonaws.com publish.",
      ),
    requestQuotaIncreases: z
      .boolean()
      .default(false)
      .describe("Opt in: manage ECR rate quotas with aws_servicequotas_service_quota (see docs for the caveats). Default false."),
  }),
);
