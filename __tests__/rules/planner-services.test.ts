/**
 * The service findings the planner emits while building each task and its production settings
 * (core/services, core/locations/region-production.ts): for each id, a config that comes close
 * without emitting it and one that emits exactly it, at a hand-written path with the catalogued level.
 */
import { ACCOUNT, emitted, OTHER_ACCOUNT, OWN_IMAGE, platform } from "./rule-cases";

const SERVICE = "environments.prod.services.web";
const web = (extra: Record<string, unknown>) => platform({ web: { image: OWN_IMAGE, desiredCount: 2, ...extra } });
const TARGET_GROUP = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:targetgroup/web/0123456789abcdef`;
const proxy = { image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/proxy:1.0`, port: 9090 };

describe("PG-SIDECAR-NAME (error)", () => {
  test("compliant: a sidecar with its own name", () => {
    expect(emitted(web({ sidecars: { proxy } }), "PG-SIDECAR-NAME")).toEqual([]);
  });
  test("non-compliant: a sidecar named like the service", () => {
    expect(emitted(web({ sidecars: { web: proxy } }), "PG-SIDECAR-NAME")).toEqual([["error", `${SERVICE}.sidecars.web`]]);
  });
});

describe("PG-CONTAINER-REFERENCE (error)", () => {
  test("compliant: the main container waits for its sidecar", () => {
    expect(emitted(web({ sidecars: { proxy }, dependsOn: { proxy: "START" } }), "PG-CONTAINER-REFERENCE")).toEqual([]);
  });
  test("non-compliant: the main container waits for a container the task does not have", () => {
    expect(emitted(web({ sidecars: { proxy }, dependsOn: { migrations: "SUCCESS" } }), "PG-CONTAINER-REFERENCE")).toEqual([["error", `${SERVICE}.dependsOn.migrations`]]);
  });
});

describe("PG-SECRET-NAME (error)", () => {
  test("compliant: an empty value under a secret's name", () => {
    expect(emitted(web({ environment: { DB_PASSWORD: "" } }), "PG-SECRET-NAME")).toEqual([]);
  });
  test("non-compliant: a value under a name ending in _TOKEN", () => {
    expect(emitted(web({ environment: { GITHUB_TOKEN: "x" } }), "PG-SECRET-NAME")).toEqual([["error", `${SERVICE}.environment.GITHUB_TOKEN`]]);
  });
});

describe("PG-SECRET-VALUE (error)", () => {
  test("compliant: an ordinary value under an ordinary name", () => {
    expect(emitted(web({ environment: { LOG_LEVEL: "info" } }), "PG-SECRET-VALUE")).toEqual([]);
  });
  test("non-compliant: an AWS access key id as a value", () => {
    expect(emitted(web({ environment: { LOGIN: "AKIAIOSFODNN7EXAMPLE" } }), "PG-SECRET-VALUE")).toEqual([["error", `${SERVICE}.environment.LOGIN`]]);
  });
});

// 70 values of 1000 characters: about 70 KB of container definition, over the 64 KiB limit; 50 stay under it.
const values = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`SETTING_${i}`, "v".repeat(1000)]));

describe("PG-TASK-DEFINITION-SIZE (error)", () => {
  test("compliant: 50 KB of environment", () => {
    expect(emitted(web({ environment: values(50) }), "PG-TASK-DEFINITION-SIZE")).toEqual([]);
  });
  test("non-compliant: 70 KB of environment", () => {
    expect(emitted(web({ environment: values(70) }), "PG-TASK-DEFINITION-SIZE")).toEqual([["error", `${SERVICE}.environment`]]);
  });
});

describe("PG-CIRCUIT-BREAKER-SETTINGS (error)", () => {
  test("compliant: the circuit breaker without threshold settings", () => {
    expect(emitted(web({ deployment: { circuitBreaker: {} } }), "PG-CIRCUIT-BREAKER-SETTINGS")).toEqual([]);
  });
  test("non-compliant: a threshold the pinned provider cannot render", () => {
    expect(emitted(web({ deployment: { circuitBreaker: { threshold: { type: "COUNT", value: 3 } } } }), "PG-CIRCUIT-BREAKER-SETTINGS")).toEqual([
      ["error", `${SERVICE}.deployment.circuitBreaker`],
    ]);
  });
});

describe("PG-LOAD-BALANCER-CONTAINER (error)", () => {
  test("compliant: the sidecar it names is in the task", () => {
    expect(emitted(web({ port: 8080, sidecars: { proxy }, loadBalancers: [{ targetGroupArn: TARGET_GROUP, container: "proxy", port: 9090 }] }), "PG-LOAD-BALANCER-CONTAINER")).toEqual([]);
  });
  test("non-compliant: a container the task does not have", () => {
    expect(emitted(web({ port: 8080, loadBalancers: [{ targetGroupArn: TARGET_GROUP, container: "proxy", port: 9090 }] }), "PG-LOAD-BALANCER-CONTAINER")).toEqual([
      ["error", `${SERVICE}.loadBalancers[0].container`],
    ]);
  });
});

describe("PG-LOAD-BALANCER-PORT (error)", () => {
  test("compliant: the sidecar's port", () => {
    expect(emitted(web({ port: 8080, sidecars: { proxy }, loadBalancers: [{ targetGroupArn: TARGET_GROUP, container: "proxy", port: 9090 }] }), "PG-LOAD-BALANCER-PORT")).toEqual([]);
  });
  // Named by the service's name, the main container is only resolved in core (config/service-checks.ts skips it).
  test("non-compliant: the main container, named by the service's name, at a port it does not listen on", () => {
    expect(emitted(web({ port: 8080, loadBalancers: [{ targetGroupArn: TARGET_GROUP, container: "web", port: 8081 }] }), "PG-LOAD-BALANCER-PORT")).toEqual([
      ["error", `${SERVICE}.loadBalancers[0].port`],
    ]);
  });
});

describe("PG-TARGET-GROUP-LOCATION (error)", () => {
  test("compliant: a target group in the stack's account and Region", () => {
    expect(emitted(web({ port: 8080, loadBalancers: [{ targetGroupArn: TARGET_GROUP, port: 8080 }] }), "PG-TARGET-GROUP-LOCATION")).toEqual([]);
  });
  test("non-compliant: a target group of another account", () => {
    expect(emitted(web({ port: 8080, loadBalancers: [{ targetGroupArn: TARGET_GROUP.replace(ACCOUNT, OTHER_ACCOUNT), port: 8080 }] }), "PG-TARGET-GROUP-LOCATION")).toEqual([
      ["error", `${SERVICE}.loadBalancers[0].targetGroupArn`],
    ]);
  });
});
