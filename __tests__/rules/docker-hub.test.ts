import { directPullEgress } from "../../core/rules/direct-pull-egress";
import { dockerHubDirect } from "../../core/rules/docker-hub-direct";
import { dockerHubLimit } from "../../core/rules/docker-hub-limit";
import { findingsOf, platform, VPC } from "./rule-cases";

// Docker Hub allows 100 anonymous pulls per 6 hours per egress IP (docs/aws-facts.md); one NAT IP here.
const oneNatIp = { regions: { "us-east-1": { vpc: { ...VPC, natPublicIps: 1 } } } };
const noNat = { regions: { "us-east-1": { vpc: { ...VPC, natPublicIps: 0 } } } };
const allowed = { pullBudget: { allowDockerHubDirect: true } };
const direct = (desiredCount: number) => ({ web: { image: "nginx:1.27.3", desiredCount, pullDirect: true } });

describe("PG-DOCKER-HUB-DIRECT (error)", () => {
  test("compliant: a direct Docker Hub pull with pullBudget.allowDockerHubDirect", () => {
    expect(findingsOf(platform(direct(2), oneNatIp, allowed), dockerHubDirect)).toEqual([]);
  });

  test("non-compliant: a direct Docker Hub pull without it", () => {
    expect(findingsOf(platform(direct(2), oneNatIp), dockerHubDirect)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.pullDirect",
        message: "web: container web pulls nginx:1.27.3 straight from Docker Hub (2 tasks behind 1 NAT IP); pull it through the cache (remove pullDirect) or set pullBudget.allowDockerHubDirect",
        stack: "prod",
        rule: "PG-DOCKER-HUB-DIRECT",
      },
    ]);
  });
});

describe("PG-DOCKER-HUB-LIMIT (error)", () => {
  test("compliant: 100 tasks pull 100 times, the whole limit of one IP", () => {
    expect(findingsOf(platform(direct(100), oneNatIp, allowed), dockerHubLimit)).toEqual([]);
  });

  test("non-compliant: 101 tasks pull 101 times behind one IP", () => {
    expect(findingsOf(platform(direct(101), oneNatIp, allowed), dockerHubLimit)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web",
        message:
          "prod/web: 101 direct Docker Hub pulls per rollout is 101% of the anonymous limit of 100 pulls per 6 hours (100 per egress IP), so the rollout will hit 429 toomanyrequests; pull through the ECR pull-through cache or use a paid Docker Hub account",
        stack: "prod",
        rule: "PG-DOCKER-HUB-LIMIT",
      },
    ]);
  });
});

describe("PG-DIRECT-PULL-EGRESS (error)", () => {
  const quay = { web: { image: "quay.io/org/app:1", desiredCount: 2, pullDirect: true } };

  test("compliant: a direct Quay pull from a VPC with a NAT IP", () => {
    expect(findingsOf(platform(quay, oneNatIp), directPullEgress)).toEqual([]);
  });

  test("non-compliant: the same pull from a VPC with natPublicIps 0", () => {
    expect(findingsOf(platform(quay, noNat), directPullEgress)).toEqual([
      {
        level: "error",
        path: "environments.prod.regions.us-east-1.vpc.natPublicIps",
        message: "is 0, but web/web pulls quay.io/org/app:1 from outside AWS, which needs NAT egress",
        stack: "prod",
        rule: "PG-DIRECT-PULL-EGRESS",
      },
    ]);
  });
});
