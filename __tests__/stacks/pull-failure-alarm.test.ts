/**
 * Each service's pull-failure rule and rollback alarm as Terraform JSON: the rendered event pattern
 * is the plan's (which __tests__/core/services/pull-failure-alarm.test.ts runs against real events),
 * and the alarm counts that rule's TriggeredRules.
 */
import { singleEnvironment } from "../helpers/service-config";
import { resources, synthesize } from "../helpers/synth";

const A = "111111111111";
const IMAGE = `${A}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`;

describe("a service's pull-failure rule and alarm", () => {
  const { plan, json } = synthesize(singleEnvironment({ api: { image: IMAGE, desiredCount: 2 }, worker: { image: IMAGE, desiredCount: 1 } }));
  const stack = json.prod!;
  const rules = resources(stack, "aws_cloudwatch_event_rule");
  const alarms = resources(stack, "aws_cloudwatch_metric_alarm");

  test("one rule per service plus the environment's notifying rule, which alone has a target", () => {
    expect(rules.map((r) => r.name).sort()).toEqual(["pullguard--prod--api-cannot-pull", "pullguard--prod--worker-cannot-pull", "pullguard--prod-cannot-pull"]);
    expect(resources(stack, "aws_cloudwatch_event_target").map((t) => t.target_id)).toEqual(["alert-topic"]);
  });

  test("the rendered pattern is the plan's, byte for byte", () => {
    const api = plan.environments[0]!.services.find((s) => s.name === "api")!;
    const rendered = rules.find((r) => r.name === "pullguard--prod--api-cannot-pull")!;
    expect(rendered.event_pattern).toBe(JSON.stringify(api.production.deployment.pullFailureAlarm.eventPattern));
    expect(JSON.parse(rendered.event_pattern).detail.group).toEqual(["service:api"]);
    expect(JSON.parse(rendered.event_pattern).detail.clusterArn).toEqual([`arn:aws:ecs:us-east-1:${A}:cluster/pullguard--prod`]);
  });

  test("the alarm: TriggeredRules of the service's rule, Sum over 60 s, at least 1, no data is OK", () => {
    const alarm = alarms.find((a) => a.alarm_name === "pullguard--prod--api-pull-failures")!;
    expect(alarm).toMatchObject({
      namespace: "AWS/Events",
      metric_name: "TriggeredRules",
      statistic: "Sum",
      period: 60,
      evaluation_periods: 1,
      datapoints_to_alarm: 1,
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      treat_missing_data: "notBreaching",
    });
    expect(alarm.dimensions.RuleName).toMatch(/^\$\{aws_cloudwatch_event_rule\..*\.name\}$/);
    expect(alarm.alarm_actions).toBeUndefined();
  });

  test("the service names the alarm in its rollback alarms and waits for it", () => {
    const service = resources(stack, "aws_ecs_service").find((s) => s.name === "api")!;
    expect(service.alarms).toEqual({ alarm_names: ["pullguard--prod--api-pull-failures"], enable: true, rollback: true });
    expect(service.depends_on.some((d: string) => d.startsWith("aws_cloudwatch_metric_alarm."))).toBe(true);
  });

  test("deployment.alarms.rollback false keeps the pull-failure alarm but rolls back nothing (one rollback flag per service)", () => {
    const stack2 = synthesize(singleEnvironment({ api: { image: IMAGE, desiredCount: 2, deployment: { alarms: { names: ["api-5xx"], rollback: false } } } })).json.prod!;
    const service = resources(stack2, "aws_ecs_service").find((s) => s.name === "api")!;
    expect(service.alarms).toEqual({ alarm_names: ["pullguard--prod--api-pull-failures", "api-5xx"], enable: true, rollback: false });
  });
});
