import { rollbackAlarms } from "../../core/rules/rollback-alarms";
import { scaleOutBurst } from "../../core/rules/scale-out-burst";
import { strategyBurst } from "../../core/rules/strategy-burst";
import { BLUE_GREEN_LOAD_BALANCER, findingsOf, OWN_IMAGE, platform } from "./rule-cases";

// 20 layers: a Fargate task makes 20 GetDownloadUrlForLayer calls; 50% of 3000/s is 1500, so 75
// tasks at once fit and 76 (1520 calls, 50.7%) do not.
const blueGreen = (desiredCount: number, alarms?: { names: string[]; rollback?: boolean }) => ({
  web: {
    image: OWN_IMAGE,
    desiredCount,
    imageLayers: 20,
    port: 8080,
    loadBalancers: [BLUE_GREEN_LOAD_BALANCER],
    deployment: { strategy: "BLUE_GREEN" as const, ...(alarms ? { alarms } : {}) },
  },
});
const alarms = { names: ["web-5xx"] };

describe("PG-STRATEGY-BURST (error)", () => {
  test("compliant: a BLUE_GREEN fleet of 75 tasks, 1500 calls, exactly 50%", () => {
    expect(findingsOf(platform(blueGreen(75, alarms)), strategyBurst)).toEqual([]);
  });

  test("non-compliant: a BLUE_GREEN fleet of 76 tasks, 1520 calls", () => {
    expect(findingsOf(platform(blueGreen(76, alarms)), strategyBurst)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.deployment.strategy",
        message:
          "web: BLUE_GREEN starts the whole green fleet of 76 tasks at once: 1520 GetDownloadUrlForLayer calls in the peak second is 50.7% of the 3000/s first-second capacity, above the 50% allowed (a quota of 3040/s would fit: L-A60A366D). " +
          "What fits: a fleet of at most 75 tasks (desiredCount, or autoscaling.max), the raised quota, or strategy ROLLING (minimumHealthyPercent 100 / maximumPercent 133: 25 tasks at once)",
        stack: "prod",
        rule: "PG-STRATEGY-BURST",
      },
    ]);
  });
});

describe("PG-SCALE-OUT-BURST (error)", () => {
  const scaling = (maxAdjustment: number) => ({
    web: { image: OWN_IMAGE, desiredCount: 10, imageLayers: 20, autoscaling: { min: 10, max: 150, policy: { type: "step" as const, metric: "cpu" as const, scaleOutAbove: 70, scaleInBelow: 30, maxAdjustment } } },
  });

  test("compliant: a step policy adding at most 75 tasks", () => {
    expect(findingsOf(platform(scaling(75)), scaleOutBurst)).toEqual([]);
  });

  test("non-compliant: a step policy adding 76 tasks", () => {
    expect(findingsOf(platform(scaling(76)), scaleOutBurst)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.autoscaling.policy.maxAdjustment",
        message:
          "web: one scale-out step starts 76 tasks at once: 1520 GetDownloadUrlForLayer calls in the peak second is 50.7% of the 3000/s first-second capacity, above the 50% allowed (a quota of 3040/s would fit: L-A60A366D); lower maxAdjustment to 75",
        stack: "prod",
        rule: "PG-SCALE-OUT-BURST",
      },
    ]);
  });
});

describe("PG-ROLLBACK-ALARMS (warning)", () => {
  test("compliant: BLUE_GREEN naming an alarm (rollback defaults to true)", () => {
    expect(findingsOf(platform(blueGreen(4, alarms)), rollbackAlarms)).toEqual([]);
  });

  test("non-compliant: BLUE_GREEN with no alarms", () => {
    expect(findingsOf(platform(blueGreen(4)), rollbackAlarms)).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.deployment.alarms",
        message: "web: BLUE_GREEN deployments roll back on pullguard's pull-failure alarm pullguard--prod--web-pull-failures only; name CloudWatch alarms on the service's traffic with rollback true so a green fleet that pulls but fails rolls back too",
        stack: "prod",
        rule: "PG-ROLLBACK-ALARMS",
      },
    ]);
  });

  test("non-compliant: alarms with rollback false stop the pull-failure alarm rolling back too", () => {
    expect(findingsOf(platform(blueGreen(4, { names: ["web-5xx"], rollback: false })), rollbackAlarms).map((f) => f.message)).toEqual([
      "web: deployment.alarms.rollback is false, so its alarms and pullguard's pull-failure alarm pullguard--prod--web-pull-failures fail a BLUE_GREEN deployment without rolling it back (ECS has one rollback flag per service); set rollback true",
    ]);
  });
});
