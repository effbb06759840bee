import { cacheFirstPullRoute } from "../../core/rules/cache-first-pull-route";
import { crossAccountPullPolicy } from "../../core/rules/cross-account-pull-policy";
import { eventRuleQuota } from "../../core/rules/event-rule-quota";
import { existingClusterAutoscaling } from "../../core/rules/existing-cluster-autoscaling";
import { findingsOf, OTHER_ACCOUNT, OWN_IMAGE, platform, VPC, type ServiceInput } from "./rule-cases";

const noNat = { regions: { "us-east-1": { vpc: { ...VPC, natPublicIps: 0 } } } };

describe("PG-CACHE-FIRST-PULL-ROUTE (warning)", () => {
  test("compliant: an image through the cache in a VPC with NAT", () => {
    expect(findingsOf(platform({ web: { image: "quay.io/org/app:1", desiredCount: 2 } }), cacheFirstPullRoute)).toEqual([]);
  });

  test("compliant: no NAT, but every image is in the account's own registry (the endpoints serve it)", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 2 } }, noNat), cacheFirstPullRoute)).toEqual([]);
  });

  test("non-compliant: no NAT and an image through the cache: the first pull has no route out", () => {
    expect(findingsOf(platform({ web: { image: "quay.io/org/app:1", desiredCount: 2 } }, noNat), cacheFirstPullRoute)).toEqual([
      {
        level: "warning",
        rule: "PG-CACHE-FIRST-PULL-ROUTE",
        stack: "prod",
        path: "environments.prod.regions.us-east-1.vpc.natPublicIps",
        message:
          "is 0, but web/web pulls through the pull-through cache: the first pull of each new image needs a route to the internet even with the ECR endpoints, so a task pulling an image nobody has cached yet stops with CannotPullContainerError",
      },
    ]);
  });

  test("non-compliant: one line per location, naming every cached container", () => {
    const services = {
      web: { image: "quay.io/org/app:1", desiredCount: 2, sidecars: { proxy: { image: "quay.io/org/proxy:2" } } },
      api: { image: "quay.io/org/api:3", desiredCount: 1 },
    };
    expect(findingsOf(platform(services, noNat), cacheFirstPullRoute).map((f) => f.message)).toEqual([
      "is 0, but api/api, web/web, web/proxy pull through the pull-through cache: the first pull of each new image needs a route to the internet even with the ECR endpoints, so a task pulling an image nobody has cached yet stops with CannotPullContainerError",
    ]);
  });
});

describe("PG-CROSS-ACCOUNT-PULL-POLICY (warning)", () => {
  test("compliant: a direct pull from the account's own ECR needs no other policy", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 2, pullDirect: true } }), crossAccountPullPolicy)).toEqual([]);
  });

  test("compliant: another account's image without pullDirect is not pulled from there (the config must declare or cache it)", () => {
    expect(findingsOf(platform({ web: { image: "quay.io/org/app:1", desiredCount: 2 } }), crossAccountPullPolicy)).toEqual([]);
  });

  test("non-compliant: a direct pull from another account prints the repository policy statement that account must add", () => {
    const image = `${OTHER_ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.0`;
    const findings = findingsOf(platform({ web: { image, desiredCount: 2, pullDirect: true } }), crossAccountPullPolicy);
    const statement =
      '{"Version":"2012-10-17","Statement":[{"Sid":"PullFrom111111111111","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/pullguard--prod--web-exec"},' +
      '"Action":["ecr:BatchCheckLayerAvailability","ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}';
    expect(findings).toEqual([
      {
        level: "warning",
        rule: "PG-CROSS-ACCOUNT-PULL-POLICY",
        stack: "prod",
        path: "environments.prod.services.web.image",
        message: `web/web pulls team/api directly from account 222222222222 (eu-west-1); pullguard grants 111111111111's side only. Add this to the repository policy of team/api in account 222222222222: ${statement}`,
      },
    ]);
    // The printed statement is a policy a reviewer can paste: it parses, and grants nothing beyond the pull.
    const printed = JSON.parse(findings[0]!.message.split("account 222222222222: ")[1]!) as { Statement: { Action: string[]; Resource?: string }[] };
    expect(printed.Statement[0]!.Action).toEqual(["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]);
    expect(printed.Statement[0]!.Resource).toBeUndefined();
  });
});

describe("PG-EXISTING-CLUSTER-AUTOSCALING (warning)", () => {
  const scaled = { web: { image: OWN_IMAGE, desiredCount: 2, autoscaling: { min: 2, max: 4, policy: { type: "target-tracking" as const, metric: "cpu" as const, target: 60 } } } };

  test("compliant: autoscaling in the cluster pullguard creates", () => {
    expect(findingsOf(platform(scaled), existingClusterAutoscaling)).toEqual([]);
  });

  test("compliant: an existing cluster without autoscaling", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 2 } }, { existingClusterName: "legacy" }), existingClusterAutoscaling)).toEqual([]);
  });

  test("non-compliant: autoscaling in an existing cluster names that cluster in its scalable target", () => {
    expect(findingsOf(platform(scaled, { existingClusterName: "legacy" }), existingClusterAutoscaling)).toEqual([
      {
        level: "warning",
        rule: "PG-EXISTING-CLUSTER-AUTOSCALING",
        stack: "prod",
        path: "environments.prod.services.web.autoscaling",
        message: "web scales in the existing cluster legacy: pullguard registers the scalable target service/legacy/web there and leaves the cluster itself unmanaged",
      },
    ]);
  });
});

describe("PG-EVENT-RULE-QUOTA (warning)", () => {
  // af-south-1's default is 100 rules per bus: one per service plus the environment's notifying rule.
  const inCapeTown = (count: number) => {
    const services: Record<string, ServiceInput> = {};
    for (let i = 1; i <= count; i++) services[`svc${i}`] = { image: "quay.io/org/app:1", desiredCount: 1 };
    return platform(services, { regions: { "af-south-1": { vpc: VPC } } });
  };

  test("compliant: 99 services and the notifying rule are exactly the 100 af-south-1 allows", () => {
    expect(findingsOf(inCapeTown(99), eventRuleQuota)).toEqual([]);
  });

  test("non-compliant: 100 services and the notifying rule are 101 rules", () => {
    expect(findingsOf(inCapeTown(100), eventRuleQuota)).toEqual([
      {
        level: "warning",
        rule: "PG-EVENT-RULE-QUOTA",
        stack: "prod",
        path: "environments",
        message: `101 EventBridge rules in 111111111111/af-south-1 (stack prod: one per service, one per notifying environment) pass the default bus's quota of 100 rules; raise "Number of rules" there before applying`,
      },
    ]);
  });
});

describe("PG-EVENT-RULE-QUOTA counts every environment of an account and Region", () => {
  test("non-compliant: four environments in af-south-1 share one bus; the line names three and counts the rest", () => {
    const services = (prefix: string) => Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`${prefix}${i}`, { image: "quay.io/org/app:1", desiredCount: 1 }]));
    const env = (name: string) => ({ account: "main", regions: { "af-south-1": { vpc: VPC } }, services: services(name) });
    const config = platform({}, {}, { environments: { a: env("a"), b: env("b"), c: env("c"), d: env("d") } });
    expect(findingsOf(config, eventRuleQuota).map((f) => f.message)).toEqual([
      `124 EventBridge rules in 111111111111/af-south-1 (stacks a, b, c and 1 more: one per service, one per notifying environment) pass the default bus's quota of 100 rules; raise "Number of rules" there before applying`,
    ]);
  });
});
