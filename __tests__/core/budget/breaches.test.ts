import { assessGroup, assessService, DEFAULT_ECR_QUOTAS, quotaBreaches, type EcrQuotas, type GroupAssessment } from "../../../core/budget";
import { ecrImage, hubImage, passedSubjects, profile } from "../../helpers/pull-profiles";

const ECR_ADVICE = "; lower maximumPercent to start fewer tasks at once, or raise the quota";
const DOCKER_HUB_ADVICE = "; pull through the ECR pull-through cache or use a paid Docker Hub account";

describe("quotaBreaches: ECR quotas", () => {
  it("past the limit: two 10-layer images, 100 Fargate tasks = 2000 of 3000 layer calls (66.7% > 50%)", () => {
    const f = quotaBreaches(assessService(profile({ images: [ecrImage(), ecrImage()] })), 0.5);
    expect(f).toEqual([
      {
        passed: "limit",
        subject: "GetDownloadUrlForLayer",
        target: "shop/orders",
        share: expect.closeTo(0.666667, 6),
        message:
          "shop/orders: 2000 GetDownloadUrlForLayer calls in the peak second is 66.7% of the 3000/s first-second capacity (quota L-A60A366D), above the 50% allowed" +
          ECR_ADVICE,
      },
    ]);
  });

  it("passes the margin above 80% of the share and the limit above it", () => {
    // 45 tasks x 20 layers = 900 = 30% of 3000: with maxShare 0.35, 30% > 28% warns.
    const a = assessService(profile({ desiredCount: 45, images: [ecrImage(20)] }));
    expect(passedSubjects(quotaBreaches(a, 0.35))).toEqual(["margin:GetDownloadUrlForLayer"]);
    expect(passedSubjects(quotaBreaches(a, 0.29))).toEqual(["limit:GetDownloadUrlForLayer"]);
    expect(quotaBreaches(a, 0.5)).toEqual([]);
    expect(quotaBreaches(a, 0.35)[0].message).toBe(
      "shop/orders: 900 GetDownloadUrlForLayer calls in the peak second is 30% of the 3000/s first-second capacity (quota L-A60A366D), close to the 35% allowed" + ECR_ADVICE,
    );
  });

  it("exactly at the share is not past it: 75 tasks x 20 layers = 1500 = 50%, a margin only", () => {
    const a = assessService(profile({ desiredCount: 75, images: [ecrImage(), ecrImage()] }));
    expect(passedSubjects(quotaBreaches(a, 0.5))).toEqual(["margin:GetDownloadUrlForLayer"]);
  });

  it("writes fractional calls with one decimal (a group's pro-rata Fargate share)", () => {
    const group: GroupAssessment = {
      label: "prod/us-east-1",
      services: [],
      demand: { GetAuthorizationToken: 0, BatchGetImage: 0, GetDownloadUrlForLayer: 1650.5, BatchCheckLayerAvailability: 0 },
      quotaUse: [{ api: "GetDownloadUrlForLayer", peakCallsPerSecond: 1650.5, capacity: 3000, share: 0.5501666666666667, quotaCode: "L-A60A366D" }],
      dockerHub: [],
      maxShare: 0.5501666666666667,
      dockerHubMaxShare: 0,
    };
    // 1650.5 / 3000 = 55.0166...% -> "55%"; the capacity 3000 is whole -> "3000/s".
    expect(quotaBreaches(group, 0.5).map((x) => x.message)).toEqual([
      "prod/us-east-1: 1650.5 GetDownloadUrlForLayer calls in the peak second is 55% of the 3000/s first-second capacity (quota L-A60A366D), above the 50% allowed" + ECR_ADVICE,
    ]);
  });

  it("quotes the burst capacity of a token bucket", () => {
    const quotas: EcrQuotas = { ...DEFAULT_ECR_QUOTAS, GetAuthorizationToken: { rate: 20, burst: 150, quotaCode: "L-55A41110" } };
    // 100 Fargate tasks = 100 tokens of 150 = 66.7%.
    expect(quotaBreaches(assessService(profile(), quotas), 0.5).map((x) => x.message)).toEqual([
      "shop/orders: 100 GetAuthorizationToken calls in the peak second is 66.7% of the 150/s first-second capacity (quota L-55A41110), above the 50% allowed" + ECR_ADVICE,
    ]);
  });
});

describe("quotaBreaches: rollouts that cannot progress", () => {
  it("D=2 at 125/100 starts floor(2.5) - 2 = 0 tasks", () => {
    expect(quotaBreaches(assessService(profile({ desiredCount: 2, maximumPercent: 125, minimumHealthyPercent: 100 })))).toEqual([
      {
        passed: "limit",
        subject: "rollout",
        target: "shop/orders",
        share: 0,
        message:
          "shop/orders: desiredCount 2 at maximumPercent 125 / minimumHealthyPercent 100 lets no task start (floor(2x125/100) - ceil(2x100/100) = 0), so the deployment cannot progress",
      },
    ]);
  });

  it("a scaled-to-zero service is not a finding", () => {
    expect(quotaBreaches(assessService(profile({ desiredCount: 0 })))).toEqual([]);
  });
});

describe("quotaBreaches: Docker Hub", () => {
  it("anonymous over the 6-hour limit: 200 tasks behind one NAT IP pull 200 of 100", () => {
    expect(quotaBreaches(assessService(profile({ desiredCount: 200, images: [hubImage()] })), 0.5)).toEqual([
      {
        passed: "limit",
        subject: "docker-hub",
        target: "shop/orders",
        share: 2,
        message:
          "shop/orders: 200 direct Docker Hub pulls per rollout is 200% of the anonymous limit of 100 pulls per 6 hours (100 per egress IP), so the rollout will hit 429 toomanyrequests" +
          DOCKER_HUB_ADVICE,
      },
    ]);
  });

  it("a personal account past the share but within the limit: 150 of 200 = 75%, a margin", () => {
    const f = quotaBreaches(assessService(profile({ desiredCount: 150, images: [hubImage("personal")] })), 0.5);
    expect(f.map((x) => [x.passed, x.share, x.message])).toEqual([
      [
        "margin",
        0.75,
        "shop/orders: 150 direct Docker Hub pulls per rollout is 75% of the personal account limit of 200 pulls per 6 hours, little room left for other pulls" + DOCKER_HUB_ADVICE,
      ],
    ]);
  });

  it("an unlimited (paid) pool never breaches", () => {
    expect(quotaBreaches(assessService(profile({ desiredCount: 5000, images: [hubImage("paid")] })), 0.5)).toEqual([]);
  });
});

describe("quotaBreaches: order and groups", () => {
  it("orders rollout, ECR APIs in ECR_APIS order, then Docker Hub", () => {
    // EC2 default, no instance spread, 300 starts at 200/100 of a 10-layer image: 300 tokens of 500 (60%), 3000 layers of 3000 (100%);
    // plus 300 anonymous Docker Hub pulls of 100.
    const a = assessService(profile({ desiredCount: 300, launchType: "EC2", images: [ecrImage(), hubImage()] }));
    expect(passedSubjects(quotaBreaches(a, 0.5))).toEqual(["limit:GetAuthorizationToken", "limit:GetDownloadUrlForLayer", "limit:docker-hub"]);
  });

  it("group findings name the group and catch what no single service trips", () => {
    const services = [1, 2, 3].map((i) => profile({ service: `s${i}`, desiredCount: 30, images: [ecrImage(), ecrImage()] }));
    for (const s of services) expect(quotaBreaches(assessService(s), 0.5)).toEqual([]);
    const g = assessGroup("prod/eu-west-1", services);
    // 90 tasks x 20 layers = 1800 = 60% of 3000.
    const f = quotaBreaches(g, 0.5);
    expect(passedSubjects(f)).toEqual(["limit:GetDownloadUrlForLayer"]);
    expect(f[0].target).toBe("prod/eu-west-1");
    expect(f[0].message).toMatch(/^prod\/eu-west-1: 1800 GetDownloadUrlForLayer calls/);
  });

  it("a group never reports a rollout that cannot progress: that is per service", () => {
    const g = assessGroup("prod/eu-west-1", [profile({ desiredCount: 2, maximumPercent: 125 })]);
    expect(quotaBreaches(g)).toEqual([]);
    expect(passedSubjects(quotaBreaches(g.services[0]))).toEqual(["limit:rollout"]);
  });
});
