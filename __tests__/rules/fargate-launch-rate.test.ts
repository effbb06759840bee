import { fargateLaunchRate } from "../../core/rules/fargate-launch-rate";
import { findingsOf, OWN_IMAGE, platform, type ServiceInput } from "./rule-cases";

// Fargate launch buckets: 100 burst, 20/s refill (the defaults). One service may take 50% of a burst
// (pullBudget.maxQuotaShare, default 0.5) = 50 tasks; every service at once warns past 100.
const starting = (desiredCount: number, maxConcurrentStarts: number): ServiceInput => ({
  image: OWN_IMAGE,
  desiredCount,
  deployment: { maxConcurrentStarts },
});

describe("PG-FARGATE-LAUNCH-RATE (warning)", () => {
  test("compliant: 60 tasks, 50 at once: exactly 50% of the 100-task burst", () => {
    expect(findingsOf(platform({ web: starting(60, 50) }), fargateLaunchRate)).toEqual([]);
  });

  test("non-compliant: 51 at once is 51% of the burst; it fits the 100, leaving 49", () => {
    expect(findingsOf(platform({ web: starting(60, 51) }), fargateLaunchRate)).toEqual([
      {
        level: "warning",
        rule: "PG-FARGATE-LAUNCH-RATE",
        stack: "prod",
        path: "environments.prod.services.web.deployment",
        message:
          "web: its deployment launches 51 On-Demand tasks at once, 51% of the Fargate On-Demand launch bucket (100 burst) of us-east-1, above the 50% allowed: " +
          "it fits the bucket's 100, leaving 49 launches for everything else of 111111111111/us-east-1 until it refills at 20/s. At most 50 On-Demand tasks at once fit",
      },
    ]);
  });

  test("compliant: a, b 40 at once and c 20: 100 tasks in the same second, the whole burst", () => {
    expect(findingsOf(platform({ a: starting(40, 40), b: starting(40, 40), c: starting(20, 20) }), fargateLaunchRate)).toEqual([]);
  });

  test("non-compliant: three services of 40 at once: 120 tasks, 100 at once and 20 more in ceil(20/20) = 1 s", () => {
    expect(findingsOf(platform({ a: starting(40, 40), b: starting(40, 40), c: starting(40, 40) }), fargateLaunchRate)).toEqual([
      {
        level: "warning",
        rule: "PG-FARGATE-LAUNCH-RATE",
        stack: "registry-111111111111-us-east-1",
        path: "pullBudget.fargate.quotas.us-east-1.onDemandLaunch",
        message:
          "every Fargate service of 111111111111/us-east-1 bursting in the same second launches 120 On-Demand tasks: the bucket launches the first 100 at once and the other 20 over 1 s at 20/s, " +
          "throttling every other Fargate launch of 111111111111/us-east-1 meanwhile",
      },
    ]);
  });

  test("a raised bucket is read from the config: 120 tasks against a 150 burst fit", () => {
    const top = { pullBudget: { fargate: { quotas: { "us-east-1": { onDemandLaunch: { burst: 150, rate: 30 } } } } } };
    expect(findingsOf(platform({ a: starting(40, 40), b: starting(40, 40), c: starting(40, 40) }, {}, top), fargateLaunchRate)).toEqual([]);
  });

  test("hostile: a bucket of 0 or a fractional burst is a config error, not a crash", () => {
    const bad = (launch: unknown) => ({ pullBudget: { fargate: { quotas: { "us-east-1": { spotLaunch: launch } } } } }) as never;
    expect(() => findingsOf(platform({ a: starting(1, 1) }, {}, bad({ burst: 0, rate: 20 })), fargateLaunchRate)).toThrow(/spotLaunch\.burst/);
    expect(() => findingsOf(platform({ a: starting(1, 1) }, {}, bad({ burst: 2.5, rate: 20 })), fargateLaunchRate)).toThrow(/spotLaunch\.burst/);
  });
});
