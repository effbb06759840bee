import { endpointPolicyBlocksPull } from "../../core/rules/endpoint-policy-blocks-pull";
import { endpointPolicyScope } from "../../core/rules/endpoint-policy-scope";
import { findingsOf, OTHER_ACCOUNT, OWN_IMAGE, platform } from "./rule-cases";

const restricted = { endpoints: { restrictToAccount: true } };

describe("PG-ENDPOINT-POLICY-BLOCKS-PULL (error)", () => {
  const otherAccount = { web: { image: `${OTHER_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/api:1.0`, desiredCount: 2, pullDirect: true } };

  test("compliant: a direct pull from another account's ECR through unrestricted endpoints", () => {
    expect(findingsOf(platform(otherAccount), endpointPolicyBlocksPull)).toEqual([]);
  });

  test("non-compliant: the same pull through endpoints restricted to the account", () => {
    expect(findingsOf(platform(otherAccount, restricted), endpointPolicyBlocksPull)).toEqual([
      {
        level: "error",
        path: "environments.prod.endpoints.restrictToAccount",
        message: "limits ECR to account 111111111111, but web/web pulls 222222222222.dkr.ecr.us-east-1.amazonaws.com/api:1.0 from account 222222222222; the endpoint policy will deny it",
        stack: "prod",
        rule: "PG-ENDPOINT-POLICY-BLOCKS-PULL",
      },
    ]);
  });
});

describe("PG-ENDPOINT-POLICY-SCOPE (warning)", () => {
  const own = { web: { image: OWN_IMAGE, desiredCount: 2 } };

  test("compliant: endpoints without restrictToAccount", () => {
    expect(findingsOf(platform(own), endpointPolicyScope)).toEqual([]);
  });

  test("non-compliant: restrictToAccount on the S3 gateway pullguard creates", () => {
    expect(findingsOf(platform(own, restricted), endpointPolicyScope)).toEqual([
      {
        level: "warning",
        path: "environments.prod.endpoints.restrictToAccount",
        message:
          "the S3 gateway policy covers everything routed through rtb-0a1b2c3d, not only ECS tasks: buckets outside account 111111111111 except ECR's layer bucket are denied, including AWS-owned ones such as the Amazon Linux 2023 package repositories (dnf on EC2 hosts); turn it off if anything else on those route tables needs them (docs/estates.md)",
        stack: "prod",
        rule: "PG-ENDPOINT-POLICY-SCOPE",
      },
    ]);
  });
});
