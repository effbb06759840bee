/**
 * The task's container rules (core/rules/container-reference.ts, task-definition-size.ts,
 * load-balancer-*.ts, circuit-breaker-settings.ts) on whole planned configs: literal messages at
 * the main container's and a sidecar's paths, and the service kept in the plan with what the rules
 * judge (the error still stops synth).
 */
import { containerReference } from "../../core/rules/container-reference";
import { loadBalancerContainer } from "../../core/rules/load-balancer-container";
import { loadBalancerPort } from "../../core/rules/load-balancer-port";
import { circuitBreakerSettings } from "../../core/rules/circuit-breaker-settings";
import { parseConfig } from "../../config/load";
import { planPlatform } from "../../core/plan";
import { ACCOUNT, findingsOf, OWN_IMAGE, platform, type ServiceInput } from "./rule-cases";

const SERVICE = "environments.prod.services.web";
const TARGET_GROUP = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/0123456789abcdef`;
const proxy = { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/proxy:1.0`, port: 9090 };
const web = (extra: Partial<ServiceInput>) => platform({ web: { image: OWN_IMAGE, desiredCount: 2, ...extra } });

describe("dependsOn", () => {
  // config/ refuses a sidecar naming itself; the main container naming itself (by the service's name) reaches the rule.
  test("a sidecar waiting for an unknown container, and the main container waiting for itself, each at its own path", () => {
    const found = findingsOf(web({ dependsOn: { web: "START" }, sidecars: { proxy: { ...proxy, dependsOn: { migrations: "SUCCESS", web: "HEALTHY" } } } }), containerReference);
    expect(found.map((f) => [f.path, f.message, f.stack])).toEqual([
      [`${SERVICE}.dependsOn.web`, "must not name the container itself", "prod"],
      [`${SERVICE}.sidecars.proxy.dependsOn.migrations`, `names "migrations", which is not a container of the task (web, proxy)`, "prod"],
    ]);
  });

  test("the service stays in the plan with its dependsOn as written", () => {
    const parsed = parseConfig(web({ dependsOn: { migrations: "SUCCESS" } }));
    if (!parsed.ok) throw new Error("the case must parse");
    const service = planPlatform(parsed.config).environments[0]!.services.find((s) => s.name === "web");
    expect(service?.containers[0]?.settings.dependsOn).toEqual({ migrations: "SUCCESS" });
  });
});

describe("load balancers", () => {
  test("the second of two load balancers names a missing container: its own index, the task's containers listed", () => {
    const config = web({ port: 8080, sidecars: { proxy }, loadBalancers: [{ targetGroupArn: TARGET_GROUP, port: 8080 }, { targetGroupArn: TARGET_GROUP, container: "admin", port: 9000 }] });
    expect(findingsOf(config, loadBalancerContainer).map((f) => [f.path, f.message])).toEqual([[`${SERVICE}.loadBalancers[1].container`, `names "admin", which is not a container of the task (web, proxy)`]]);
    expect(findingsOf(config, loadBalancerPort)).toEqual([]);
  });

  // config/ checks load balancers against sidecars and an unnamed main container; the main container named by the service's name reaches the rule.
  test("the main container named by the service's name, declaring no port", () => {
    const config = web({ loadBalancers: [{ targetGroupArn: TARGET_GROUP, container: "web", port: 8080 }] });
    expect(findingsOf(config, loadBalancerPort).map((f) => [f.path, f.message])).toEqual([[`${SERVICE}.loadBalancers[0].port`, "must be the port of container web (none declared)"]]);
  });
});

describe("circuit breaker settings", () => {
  test("resetOnHealthyTask alone is refused too, with the provider's reason", () => {
    expect(findingsOf(web({ deployment: { circuitBreaker: { resetOnHealthyTask: false } } }), circuitBreakerSettings)).toEqual([
      {
        level: "error",
        path: `${SERVICE}.deployment.circuitBreaker`,
        message:
          "is not rendered: hashicorp/aws 6.25.0 (the provider @cdktf/provider-aws 21.22.1 binds) has no threshold_configuration or reset_on_healthy_task in deployment_circuit_breaker (provider issue #48748, PR #48752), so ECS would keep BOUNDED_PERCENT 50 and reset on a healthy task; remove it",
        stack: "prod",
        rule: "PG-CIRCUIT-BREAKER-SETTINGS",
      },
    ]);
  });
});
