/**
 * What stops each deployment and whether it rolls back, as the pull-budget report shows it: the
 * alarms ECS watches and the circuit breaker with the threshold ECS applies (not set by pullguard:
 * the pinned provider cannot, docs/aws-facts.md "ECS").
 */
import { parseConfig } from "../../../config/load";
import { planPlatform } from "../../../core/plan";
import { pullBudgetMarkdown, pullBudgetReport } from "../../../core/report";
import { circuitBreakerFailures } from "../../../core/budget/rollout";
import { SERVICE_ACCOUNT as A, planValid, singleEnvironment } from "../../helpers/service-config";

const IMAGE = `${A}.dkr.ecr.us-east-1.amazonaws.com/api:1.0.0`;
const TG = `arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/api/0123456789abcdef`;
const ADVANCED = {
  alternateTargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${A}:targetgroup/api-green/0123456789abcdef`,
  productionListenerRuleArn: `arn:aws:elasticloadbalancing:us-east-1:${A}:listener-rule/app/alb/0123456789abcdef/0123456789abcdef/0123456789abcdef`,
  roleArn: `arn:aws:iam::${A}:role/ecs-lb`,
};

const plan = planValid(
  singleEnvironment({
    web: { image: IMAGE, desiredCount: 10 },
    api: { image: IMAGE, port: 8080, desiredCount: 4, loadBalancers: [{ targetGroupArn: TG, port: 8080, advanced: ADVANCED }], deployment: { strategy: "LINEAR", alarms: { names: ["api-5xx"], rollback: false } } },
  }),
);

describe("the report's rollback view", () => {
  test("JSON: the alarms ECS watches, the pull-failure alarm, and the circuit breaker ECS applies", () => {
    const services = pullBudgetReport(plan).stacks[0]!.services;
    const web = services.find((s) => s.service === "web")!;
    expect(web.rollbackAlarms).toEqual({ names: ["pullguard--prod--web-pull-failures"], rollback: true });
    expect(web.pullFailureAlarm).toEqual({ alarm: "pullguard--prod--web-pull-failures", rule: "pullguard--prod--web-cannot-pull", threshold: ">= 1 in 60 s" });
    // 10 tasks: half is 5, above the floor of 3.
    expect(web.circuitBreaker).toEqual({ enabled: true, threshold: { type: "BOUNDED_PERCENT", value: 50 }, failedTasks: 5, resetOnHealthyTask: true, setByPullguard: false });
    const api = services.find((s) => s.service === "api")!;
    expect(api.rollbackAlarms).toEqual({ names: ["pullguard--prod--api-pull-failures", "api-5xx"], rollback: false });
    expect(api.circuitBreaker.enabled).toBe(false);
  });

  test("Markdown: one row per service", () => {
    const lines = pullBudgetMarkdown(plan).split("\n");
    expect(lines).toContain("| service | rollback alarms | circuit breaker |");
    expect(lines).toContain("| api | `pullguard--prod--api-pull-failures`, `api-5xx` (fail without rollback) | off (LINEAR) |");
    expect(lines).toContain("| web | `pullguard--prod--web-pull-failures` | BOUNDED_PERCENT 50: 5 failed tasks, a healthy task resets the count (ECS default) |");
  });
});

describe("circuit breaker failures", () => {
  test.each([
    [1, { type: "BOUNDED_PERCENT", value: 50 }, 3],
    [10, { type: "BOUNDED_PERCENT", value: 50 }, 5],
    [1000, { type: "BOUNDED_PERCENT", value: 50 }, 200],
    [10, { type: "BOUNDED_PERCENT", value: 25 }, 3],
    [10, { type: "UNBOUNDED_PERCENT", value: 25 }, 3],
    [1000, { type: "UNBOUNDED_PERCENT", value: 50 }, 500],
    [1, { type: "UNBOUNDED_PERCENT", value: 10 }, 1],
    [1000, { type: "COUNT", value: 7 }, 7],
  ] as const)("%i tasks at %j fail after %i", (desired, threshold, failures) => {
    expect(circuitBreakerFailures(desired, threshold)).toBe(failures);
  });
});

describe("deployment.circuitBreaker settings", () => {
  test("are refused by path with the reason: the pinned provider cannot render them", () => {
    const parsed = parseConfig(singleEnvironment({ web: { image: IMAGE, desiredCount: 2, deployment: { circuitBreaker: { threshold: { type: "COUNT", value: 5 } } } } }));
    if (!parsed.ok) throw new Error("the config is valid in shape");
    const errors = planPlatform(parsed.config).findings.filter((f) => f.rule === "PG-CIRCUIT-BREAKER-SETTINGS");
    expect(errors.map((f) => [f.level, f.path, f.message])).toEqual([
      [
        "error",
        "environments.prod.services.web.deployment.circuitBreaker",
        "is not rendered: hashicorp/aws 6.25.0 (the provider @cdktf/provider-aws 21.22.1 binds) has no threshold_configuration or reset_on_healthy_task in deployment_circuit_breaker (provider issue #48748, PR #48752), so ECS would keep BOUNDED_PERCENT 50 and reset on a healthy task; remove it",
      ],
    ]);
  });

  test("an empty circuitBreaker object sets nothing and is accepted", () => {
    const parsed = parseConfig(singleEnvironment({ web: { image: IMAGE, desiredCount: 2, deployment: { circuitBreaker: {} } } }));
    if (!parsed.ok) throw new Error("the config is valid in shape");
    expect(planPlatform(parsed.config).findings.filter((f) => f.rule === "PG-CIRCUIT-BREAKER-SETTINGS")).toEqual([]);
  });

  test("a threshold value of 0 or a type ECS does not know is a schema error", () => {
    const zero = parseConfig(singleEnvironment({ web: { image: IMAGE, desiredCount: 2, deployment: { circuitBreaker: { threshold: { type: "COUNT", value: 0 } } } } }));
    expect(zero.ok ? [] : zero.problems.map((p) => p.path)).toEqual(["environments.prod.services.web.deployment.circuitBreaker.threshold.value"]);
    const unknownType = parseConfig(singleEnvironment({ web: { image: IMAGE, desiredCount: 2, deployment: { circuitBreaker: { threshold: { type: "PERCENT" as never, value: 5 } } } } }));
    expect(unknownType.ok ? [] : unknownType.problems.map((p) => p.path)).toEqual(["environments.prod.services.web.deployment.circuitBreaker.threshold.type"]);
  });
});
