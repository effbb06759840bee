import { assessGroup, assessService, maxStartsWithinShare, quotaBreaches, type ServicePullProfile } from "../../../core/budget";
import { dockerHubOf, maxDockerHubShare, pooledDockerHub } from "../../../core/budget/docker-hub";
import { shapeOf } from "../../../core/budget/profile";
import { hubImage, profile } from "../../helpers/pull-profiles";

describe("dockerHubOf: the pools of one service", () => {
  it("nothing pulled from Docker Hub directly: no pool, and natPublicIps is not read", () => {
    const p = profile({ natPublicIps: 0 });
    expect(dockerHubOf(p, shapeOf(p))).toEqual([]);
  });

  it("50 Fargate tasks behind 3 NAT IPs, two anonymous images, one personal, one paid", () => {
    const p = profile({ desiredCount: 50, natPublicIps: 3, images: [hubImage(), hubImage("anonymous"), hubImage("personal"), hubImage("paid")] });
    const pools = dockerHubOf(p, shapeOf(p));
    // anonymous: 50 tasks x 2 images = 100 pulls of 3 IPs x 100 = 300; personal: 50 of 200 (one account); paid: unlimited.
    expect(pools).toEqual([
      { auth: "anonymous", images: 2, pullsPerRollout: 100, windowLimit: 300, share: 100 / 300 },
      { auth: "personal", images: 1, pullsPerRollout: 50, windowLimit: 200, share: 0.25 },
      { auth: "paid", images: 1, pullsPerRollout: 50, windowLimit: null, share: 0 },
    ]);
    expect(pools[0].share).toBeCloseTo(0.333333, 6);
    expect(maxDockerHubShare(pools)).toBeCloseTo(0.333333, 6);
    expect(maxDockerHubShare([])).toBe(0);
  });
});

describe("pooledDockerHub: services behind the same egress IPs and credentials", () => {
  it("sums pulls per pool; the anonymous limit takes the most NAT IPs among anonymous pullers only", () => {
    const pooled = pooledDockerHub([
      { profile: { natPublicIps: 1 }, dockerHub: [{ auth: "anonymous", images: 1, pullsPerRollout: 60, windowLimit: 100, share: 0.6 }] },
      { profile: { natPublicIps: 2 }, dockerHub: [{ auth: "anonymous", images: 1, pullsPerRollout: 60, windowLimit: 200, share: 0.3 }] },
      {
        profile: { natPublicIps: 5 },
        dockerHub: [
          { auth: "personal", images: 1, pullsPerRollout: 30, windowLimit: 200, share: 0.15 },
          { auth: "paid", images: 2, pullsPerRollout: 60, windowLimit: null, share: 0 },
        ],
      },
    ]);
    // anonymous: 60 + 60 = 120 of 2 IPs x 100 = 200 (the personal puller's 5 IPs do not count); personal: 30 of 200.
    expect(pooled).toEqual([
      { auth: "anonymous", images: 2, pullsPerRollout: 120, windowLimit: 200, share: 0.6 },
      { auth: "personal", images: 1, pullsPerRollout: 30, windowLimit: 200, share: 0.15 },
      { auth: "paid", images: 2, pullsPerRollout: 60, windowLimit: null, share: 0 },
    ]);
    expect(pooledDockerHub([])).toEqual([]);
  });
});

describe("Docker Hub direct pulls through the assessment", () => {
  const hub = (auth: "anonymous" | "personal" | "paid" | undefined, natPublicIps = 1, desiredCount = 200): ServicePullProfile =>
    profile({ desiredCount, images: [hubImage(auth)], natPublicIps });

  it("200 anonymous pulls behind one NAT exceed the limit of 100 per 6 hours", () => {
    const a = assessService(hub(undefined));
    expect(a.dockerHub).toEqual([{ auth: "anonymous", images: 1, pullsPerRollout: 200, windowLimit: 100, share: 2 }]);
    expect(a.dockerHubMaxShare).toBe(2);
    const f = quotaBreaches(a, 0.5);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ passed: "limit", subject: "docker-hub", share: 2 });
    expect(f[0].message).toContain("shop/orders: 200 direct Docker Hub pulls per rollout is 200% of the anonymous limit of 100 pulls per 6 hours (100 per egress IP)");
    expect(maxStartsWithinShare(hub(undefined), 0.5)).toBe(0);
  });

  it("two NAT IPs double the anonymous limit", () => {
    const a = assessService(hub("anonymous", 2));
    expect(a.dockerHub[0]).toMatchObject({ windowLimit: 200, share: 1 });
    // At the limit is not over it: a warning (share above maxShare), not an error.
    expect(quotaBreaches(a, 0.5).map((x) => x.passed)).toEqual(["margin"]);
    // No ECR image: only the 200% ceiling bounds the starts, floor(200 x 200 / 100) = 400.
    expect(maxStartsWithinShare(hub("anonymous", 2), 0.5)).toBe(400);
  });

  it("a personal account allows 200 per 6 hours whatever the number of egress IPs", () => {
    expect(assessService(hub("personal", 1, 40)).dockerHub[0]).toMatchObject({ windowLimit: 200, share: 0.2 });
    expect(assessService(hub("personal", 3, 40)).dockerHub[0]).toMatchObject({ windowLimit: 200, share: 0.2 });
    expect(quotaBreaches(assessService(hub("personal", 1, 40)), 0.5)).toEqual([]);
  });

  it("a paid account is unlimited", () => {
    const a = assessService(hub("paid"));
    expect(a.dockerHub).toEqual([{ auth: "paid", images: 1, pullsPerRollout: 200, windowLimit: null, share: 0 }]);
    expect(quotaBreaches(a, 0.5)).toEqual([]);
  });

  it("counts every task of a full rollout, regardless of the percents", () => {
    const slow = assessService({ ...hub(undefined, 1, 20), maximumPercent: 105 });
    expect(slow.concurrentStarts).toBe(1);
    expect(slow.dockerHub[0].pullsPerRollout).toBe(20);
  });

  it("EC2 once pulls once per instance; default pulls per task", () => {
    const once = assessService({ ...hub(undefined), launchType: "EC2", pullBehavior: "once", instanceCount: 4 });
    expect(once.dockerHub[0]).toMatchObject({ pullsPerRollout: 4, share: 0.04 });
    const always = assessService({ ...hub(undefined), launchType: "EC2", pullBehavior: "always", instanceCount: 4 });
    expect(always.dockerHub[0].pullsPerRollout).toBe(200);
  });

  it("keeps separate pools per authentication and multiplies by images", () => {
    const a = assessService(profile({ desiredCount: 3, images: [hubImage(), hubImage(), hubImage("personal")] }));
    expect(a.dockerHub).toEqual([
      { auth: "anonymous", images: 2, pullsPerRollout: 6, windowLimit: 100, share: 0.06 },
      { auth: "personal", images: 1, pullsPerRollout: 3, windowLimit: 200, share: 0.015 },
    ]);
  });

  it("needs at least one egress IP for direct pulls", () => {
    expect(() => assessService(hub(undefined, 0))).toThrow(new RangeError("shop/orders: natPublicIps must be a positive integer, got 0"));
    // Not read when nothing is pulled from Docker Hub directly.
    expect(() => assessService(profile({ natPublicIps: 0 }))).not.toThrow();
  });

  it("pools anonymous Docker Hub pulls of a group's services behind the same NAT", () => {
    const g = assessGroup("dev/eu-west-1", [
      profile({ service: "a", desiredCount: 60, images: [hubImage()] }),
      profile({ service: "b", desiredCount: 60, images: [hubImage()] }),
    ]);
    expect(g.services.map((s) => s.dockerHubMaxShare)).toEqual([0.6, 0.6]);
    expect(g.dockerHub).toEqual([{ auth: "anonymous", images: 2, pullsPerRollout: 120, windowLimit: 100, share: 1.2 }]);
    expect(g.dockerHubMaxShare).toBe(1.2);
    expect(quotaBreaches(g, 0.5).map((x) => `${x.passed}:${x.subject}`)).toEqual(["limit:docker-hub"]);
  });
});
