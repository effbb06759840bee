import { evaluatePolicy } from "../../../core/iam/evaluation";
import { alertTopicPolicy, registryPolicyDocument, templateRolePolicies } from "../../../core/registry/policies";

const where = { account: "123456789012", region: "eu-west-1" };
const repo = "arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/library/nginx";

describe("repository creation template role", () => {
  const aes = templateRolePolicies(where, { type: "AES256" });
  const kms = templateRolePolicies(where, { type: "KMS", kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/abcd" });

  it("can create, replicate into and tag repositories of its own registry", () => {
    for (const action of ["ecr:CreateRepository", "ecr:ReplicateImage", "ecr:TagResource"]) {
      expect(evaluatePolicy(aes.policy, { action, resource: repo })).toBe("allow");
    }
  });
  it("cannot delete repositories, push images, or create repositories in another Region", () => {
    expect(evaluatePolicy(aes.policy, { action: "ecr:DeleteRepository", resource: repo })).toBe("implicit-deny");
    expect(evaluatePolicy(aes.policy, { action: "ecr:PutImage", resource: repo })).toBe("implicit-deny");
    expect(evaluatePolicy(aes.policy, { action: "ecr:CreateRepository", resource: "arn:aws:ecr:us-east-1:123456789012:repository/x" })).toBe("implicit-deny");
  });
  it("gets KMS grants on the template's key only when the template encrypts with KMS", () => {
    const key = "arn:aws:kms:eu-west-1:123456789012:key/abcd";
    expect(evaluatePolicy(kms.policy, { action: "kms:CreateGrant", resource: key })).toBe("allow");
    expect(evaluatePolicy(kms.policy, { action: "kms:CreateGrant", resource: "arn:aws:kms:eu-west-1:123456789012:key/other" })).toBe("implicit-deny");
    expect(evaluatePolicy(kms.policy, { action: "kms:Decrypt", resource: key })).toBe("implicit-deny");
    expect(evaluatePolicy(aes.policy, { action: "kms:CreateGrant", resource: key })).toBe("implicit-deny");
  });
  it("is assumable by ECR on behalf of this account only", () => {
    const role = "arn:aws:iam::123456789012:role/pullguard-ecr-templates";
    const ecr = { type: "Service" as const, id: "ecr.amazonaws.com" };
    expect(evaluatePolicy(aes.trustPolicy, { action: "sts:AssumeRole", resource: role, principal: ecr, context: { "aws:SourceAccount": "123456789012" } })).toBe("allow");
    expect(evaluatePolicy(aes.trustPolicy, { action: "sts:AssumeRole", resource: role, principal: ecr, context: { "aws:SourceAccount": "999999999999" } })).toBe("implicit-deny");
    expect(evaluatePolicy(aes.trustPolicy, { action: "sts:AssumeRole", resource: role, principal: { type: "Service", id: "ecs-tasks.amazonaws.com" }, context: { "aws:SourceAccount": "123456789012" } })).toBe("implicit-deny");
    expect(evaluatePolicy(aes.trustPolicy, { action: "sts:AssumeRole", resource: role, principal: { type: "AWS", id: "arn:aws:iam::123456789012:root" } })).toBe("implicit-deny");
  });
});

describe("alert topic policy", () => {
  const topic = "arn:aws:sns:eu-west-1:123456789012:pullguard-alerts";
  const policy = alertTopicPolicy("123456789012", topic);

  it("lets EventBridge and CloudWatch publish from this account", () => {
    for (const id of ["events.amazonaws.com", "cloudwatch.amazonaws.com"]) {
      expect(evaluatePolicy(policy, { action: "sns:Publish", resource: topic, principal: { type: "Service", id }, context: { "aws:SourceAccount": "123456789012" } })).toBe("allow");
    }
  });
  it("denies publishing from another account's rules, by other principals, and other actions", () => {
    const events = { type: "Service" as const, id: "events.amazonaws.com" };
    expect(evaluatePolicy(policy, { action: "sns:Publish", resource: topic, principal: events, context: { "aws:SourceAccount": "999999999999" } })).toBe("implicit-deny");
    expect(evaluatePolicy(policy, { action: "sns:Publish", resource: topic, principal: events })).toBe("implicit-deny");
    expect(evaluatePolicy(policy, { action: "sns:Publish", resource: topic, principal: { type: "AWS", id: "arn:aws:iam::123456789012:root" }, context: { "aws:SourceAccount": "123456789012" } })).toBe("implicit-deny");
    expect(evaluatePolicy(policy, { action: "sns:Subscribe", resource: topic, principal: events, context: { "aws:SourceAccount": "123456789012" } })).toBe("implicit-deny");
  });
});

describe("registry policy", () => {
  it("is absent when nothing replicates in and no statement is granted", () => {
    expect(registryPolicyDocument(where, [], [])).toBeUndefined();
  });
  it("lets a replication source account replicate and create repositories here, and nothing more", () => {
    const policy = registryPolicyDocument(where, ["210987654321"], [])!;
    const source = { type: "AWS" as const, id: "arn:aws:iam::210987654321:root" };
    expect(evaluatePolicy(policy, { action: "ecr:ReplicateImage", resource: repo, principal: source })).toBe("allow");
    expect(evaluatePolicy(policy, { action: "ecr:CreateRepository", resource: repo, principal: source })).toBe("allow");
    expect(evaluatePolicy(policy, { action: "ecr:DeleteRepository", resource: repo, principal: source })).toBe("implicit-deny");
    expect(evaluatePolicy(policy, { action: "ecr:ReplicateImage", resource: repo, principal: { type: "AWS", id: "arn:aws:iam::999999999999:root" } })).toBe("implicit-deny");
  });
  it("keeps the given statements after the replication grant, in order", () => {
    const policy = registryPolicyDocument(where, ["210987654321"], [{ Sid: "LetCiPush", Effect: "Allow", Principal: { AWS: "arn:aws:iam::333333333333:root" }, Action: "ecr:PutImage", Resource: "*" }])!;
    expect(policy.Statement.map((s) => s.Sid)).toEqual(["AcceptReplication", "LetCiPush"]);
    expect(evaluatePolicy(policy, { action: "ecr:PutImage", resource: repo, principal: { type: "AWS", id: "arn:aws:iam::333333333333:role/ci" } })).toBe("allow");
  });
});
