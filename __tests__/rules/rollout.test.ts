import { rolloutBurst } from "../../core/rules/rollout-burst";
import { rolloutCapacity } from "../../core/rules/rollout-capacity";
import { rolloutProgress } from "../../core/rules/rollout-progress";
import { findingsOf, OWN_IMAGE, platform } from "./rule-cases";

// One service of the account's own ECR image (7 layers by default): its pull budget is the default
// cap of 25 concurrent starts, far below any ECR quota, so only the rollout rules speak.

describe("PG-ROLLOUT-PROGRESS (error)", () => {
  test("compliant: desiredCount 2 at the computed 100/200 starts 2 tasks at once", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 2 } }), rolloutProgress)).toEqual([]);
  });

  test("non-compliant: desiredCount 2 at 100/125 starts floor(2.5) - 2 = 0 tasks, so it never progresses", () => {
    const config = platform({ web: { image: OWN_IMAGE, desiredCount: 2, deployment: { minimumHealthyPercent: 100, maximumPercent: 125 } } });
    expect(findingsOf(config, rolloutProgress)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.deployment",
        message:
          "web: desiredCount 2 at minimumHealthyPercent 100 / maximumPercent 125 starts no task at once (floor(2x125/100) - ceil(2x100/100) = 0), so the deployment cannot progress; use minimumHealthyPercent 100 / maximumPercent 200",
        stack: "prod",
        rule: "PG-ROLLOUT-PROGRESS",
      },
    ]);
  });
});

describe("PG-ROLLOUT-CAPACITY (warning)", () => {
  test("compliant: minimumHealthyPercent 50 with minimumHealthyPercentFloor 50", () => {
    const config = platform({ web: { image: OWN_IMAGE, desiredCount: 10, deployment: { minimumHealthyPercent: 50, maximumPercent: 100, minimumHealthyPercentFloor: 50 } } });
    expect(findingsOf(config, rolloutCapacity)).toEqual([]);
  });

  test("non-compliant: minimumHealthyPercent 50 under the default floor lets 10 tasks drop to ceil(10 x 0.5) = 5", () => {
    const config = platform({ web: { image: OWN_IMAGE, desiredCount: 10, deployment: { minimumHealthyPercent: 50, maximumPercent: 100 } } });
    expect(findingsOf(config, rolloutCapacity)).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.deployment.minimumHealthyPercent",
        message: "web: minimumHealthyPercent 50 lets running tasks drop to 5 of 10 during a rollout, below minimumHealthyPercentFloor",
        stack: "prod",
        rule: "PG-ROLLOUT-CAPACITY",
      },
    ]);
  });
});

describe("PG-ROLLOUT-BURST (warning)", () => {
  test("compliant: 100 tasks at the computed 100/125 start 25, the budget", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 100 } }), rolloutBurst)).toEqual([]);
  });

  test("non-compliant: maximumPercent 200 starts all 100 tasks at once, over the budget of 25", () => {
    const config = platform({ web: { image: OWN_IMAGE, desiredCount: 100, deployment: { maximumPercent: 200 } } });
    expect(findingsOf(config, rolloutBurst)).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.deployment",
        message: "web: starts 100 tasks at once, over its pull budget of 25; minimumHealthyPercent 100 / maximumPercent 125 starts 25",
        stack: "prod",
        rule: "PG-ROLLOUT-BURST",
      },
    ]);
  });
});
