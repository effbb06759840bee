import { Construct } from "constructs";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { jsonDocument } from "./json-document";

export interface PullFailureEventsProps {
  readonly name: string;
  readonly clusterArn: string;
  readonly topicArn: string;
}

/** Tasks of this cluster that stopped because an image could not be pulled, sent to the alert topic. */
export class PullFailureEvents extends Construct {
  constructor(scope: Construct, id: string, props: PullFailureEventsProps) {
    super(scope, id);
    const rule = new CloudwatchEventRule(this, "rule", {
      name: props.name,
      description: "ECS tasks stopped with CannotPullContainerError or ResourceInitializationError (failed image pulls, registry auth or secrets)",
      eventPattern: jsonDocument({
        source: ["aws.ecs"],
        "detail-type": ["ECS Task State Change"],
        detail: {
          clusterArn: [props.clusterArn],
          lastStatus: ["STOPPED"],
          // Fargate reports a failed registry auth token or secrets fetch as ResourceInitializationError.
          stoppedReason: [{ wildcard: "*CannotPullContainerError*" }, { wildcard: "*ResourceInitializationError*" }],
        },
      }),
    });
    new CloudwatchEventTarget(this, "to-topic", { rule: rule.name, arn: props.topicArn, targetId: "alert-topic" });
  }
}
