import { ecrQuota } from "../../core/rules/ecr-quota";
import { ecrQuotaAccount } from "../../core/rules/ecr-quota-account";
import { ecrQuotaEnvironment } from "../../core/rules/ecr-quota-environment";
import { ecrQuotaNear } from "../../core/rules/ecr-quota-near";
import { ACCOUNT, findingsOf, OTHER_ACCOUNT, OWN_IMAGE, platform, SECOND_VPC, VPC } from "./rule-cases";

// GetDownloadUrlForLayer is the binding quota here: 3000 calls in the first second (quota
// L-A60A366D), and the default maxQuotaShare is 50%, so 1500 calls; "near" is above 80% of that, 1200.
// A Fargate task pulling an N-layer image calls it N times; the default budget is 25 tasks at once.

describe("PG-ECR-QUOTA (error)", () => {
  test("compliant: 20 layers x 25 tasks at once = 500 calls, 16.7%", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 100, imageLayers: 20 } }), ecrQuota)).toEqual([]);
  });

  test("non-compliant: maximumPercent 200 starts 100 tasks x 20 layers = 2000 calls, 66.7% of 3000", () => {
    const config = platform({ web: { image: OWN_IMAGE, desiredCount: 100, imageLayers: 20, deployment: { maximumPercent: 200 } } });
    expect(findingsOf(config, ecrQuota)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.deployment",
        message:
          "prod/web: 2000 GetDownloadUrlForLayer calls in the peak second is 66.7% of the 3000/s first-second capacity (quota L-A60A366D), above the 50% allowed; " +
          "lower maximumPercent to start fewer tasks at once, or raise the quota. Fastest settings within the budget: minimumHealthyPercent 100 / maximumPercent 125 (25 tasks at once).",
        stack: "prod",
        rule: "PG-ECR-QUOTA",
      },
    ]);
  });
});

describe("PG-ECR-QUOTA-NEAR (warning)", () => {
  test("compliant: 40 layers x 25 tasks = 1000 calls, 33.3%, under 80% of the 50% share", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 100, imageLayers: 40 } }), ecrQuotaNear)).toEqual([]);
  });

  test("non-compliant: 50 layers x 25 tasks = 1250 calls, 41.7%, above 40% and within 50%", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 100, imageLayers: 50 } }), ecrQuotaNear)).toEqual([
      {
        level: "warning",
        path: "environments.prod.services.web.deployment",
        message:
          "prod/web: 1250 GetDownloadUrlForLayer calls in the peak second is 41.7% of the 3000/s first-second capacity (quota L-A60A366D), close to the 50% allowed; lower maximumPercent to start fewer tasks at once, or raise the quota",
        stack: "prod",
        rule: "PG-ECR-QUOTA-NEAR",
      },
    ]);
  });
});

const heavy = { image: OWN_IMAGE, desiredCount: 100, imageLayers: 40 };

describe("PG-ECR-QUOTA-ENVIRONMENT (warning)", () => {
  test("compliant: one service of 1000 calls, 33.3%", () => {
    expect(findingsOf(platform({ web: heavy }), ecrQuotaEnvironment)).toEqual([]);
  });

  test("non-compliant: two services of 1000 calls each, each within, 2000 together (66.7%)", () => {
    expect(findingsOf(platform({ web: heavy, api: heavy }), ecrQuotaEnvironment)).toEqual([
      {
        level: "warning",
        path: "environments.prod",
        message:
          "prod (every service rolling at once): 2000 GetDownloadUrlForLayer calls in the peak second is 66.7% of the 3000/s first-second capacity (quota L-A60A366D), above the 50% allowed; lower maximumPercent to start fewer tasks at once, or raise the quota",
        stack: "prod",
        rule: "PG-ECR-QUOTA-ENVIRONMENT",
      },
    ]);
  });
});

describe("PG-ECR-QUOTA-ACCOUNT (warning)", () => {
  const twoEnvironments = (stagingAccount: "main" | "other", stagingImage: string) => ({
    accounts: { main: { id: ACCOUNT }, other: { id: OTHER_ACCOUNT } },
    environments: {
      prod: { account: "main", regions: { "us-east-1": { vpc: VPC } }, services: { web: heavy } },
      staging: { account: stagingAccount, regions: { "us-east-1": { vpc: SECOND_VPC } }, services: { web: { ...heavy, image: stagingImage } } },
    },
  });

  test("compliant: two environments of 1000 calls each in different accounts share no quota", () => {
    expect(findingsOf(twoEnvironments("other", `${OTHER_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/web:1.0`), ecrQuotaAccount)).toEqual([]);
  });

  test("non-compliant: the same two environments in one account and Region, 2000 calls together", () => {
    expect(findingsOf(twoEnvironments("main", OWN_IMAGE), ecrQuotaAccount)).toEqual([
      {
        level: "warning",
        path: "pullBudget.maxQuotaShare",
        message:
          "111111111111.dkr.ecr.us-east-1.amazonaws.com (every environment's services rolling at once): 2000 GetDownloadUrlForLayer calls in the peak second is 66.7% of the 3000/s first-second capacity (quota L-A60A366D), above the 50% allowed; lower maximumPercent to start fewer tasks at once, or raise the quota",
        stack: "registry-111111111111-us-east-1",
        rule: "PG-ECR-QUOTA-ACCOUNT",
      },
    ]);
  });
});
