import { policyDocument } from "../../../core/iam/policy";
import type { PolicyStatement } from "../../../core/model/policy-types";
import { evaluatePolicy, isAllowed, wildcardMatches } from "../../../core/iam/evaluation";

/**
 * The evaluator's own cases, each from AWS's IAM documentation: "Policy evaluation logic",
 * "IAM JSON policy elements: NotAction / NotResource / Principal / Condition operators" and
 * "Conditions with multiple context keys or values". Expectations are the documented outcomes.
 */
const doc = (...statements: PolicyStatement[]) => policyDocument(statements);
const BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket";

describe("actions and resources", () => {
  test("no matching statement is an implicit deny; a matching Allow allows", () => {
    const policy = doc({ Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/*` });
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: `${BUCKET}/a.txt` })).toBe("allow");
    expect(evaluatePolicy(policy, { action: "s3:PutObject", resource: `${BUCKET}/a.txt` })).toBe("implicit-deny");
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: "arn:aws:s3:::other/a.txt" })).toBe("implicit-deny");
  });

  test("an explicit Deny overrides any Allow, whatever the statement order", () => {
    const allow: PolicyStatement = { Effect: "Allow", Action: "s3:*", Resource: "*" };
    const deny: PolicyStatement = { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*" };
    expect(evaluatePolicy(doc(allow, deny), { action: "s3:DeleteObject", resource: `${BUCKET}/a` })).toBe("explicit-deny");
    expect(evaluatePolicy(doc(deny, allow), { action: "s3:DeleteObject", resource: `${BUCKET}/a` })).toBe("explicit-deny");
    expect(evaluatePolicy(doc(deny, allow), { action: "s3:GetObject", resource: `${BUCKET}/a` })).toBe("allow");
  });

  test("action names are case-insensitive, resource ARNs are case-sensitive", () => {
    const policy = doc({ Effect: "Allow", Action: "ECR:batchgetimage", Resource: "arn:aws:ecr:us-east-1:111111111111:repository/Orders" });
    expect(isAllowed(policy, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:111111111111:repository/Orders")).toBe(true);
    expect(isAllowed(policy, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:111111111111:repository/orders")).toBe(false);
  });

  test("wildcards: * spans any characters (slashes and colons too), ? exactly one", () => {
    expect(wildcardMatches("arn:aws:ecr:*:111111111111:repository/docker-hub/*", "arn:aws:ecr:eu-west-1:111111111111:repository/docker-hub/library/nginx")).toBe(true);
    expect(wildcardMatches("arn:aws:secretsmanager:us-east-1:1:secret:db-??????", "arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdEf")).toBe(true);
    expect(wildcardMatches("arn:aws:secretsmanager:us-east-1:1:secret:db-??????", "arn:aws:secretsmanager:us-east-1:1:secret:db-AbCdE")).toBe(false);
    expect(wildcardMatches("iam:*AccessKey*", "iam:CreateAccessKey", true)).toBe(true);
  });

  test("NotAction allows everything but the listed actions (the documented 'all but IAM' example)", () => {
    const policy = doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" });
    expect(isAllowed(policy, "ecr:BatchGetImage", "*")).toBe(true);
    expect(isAllowed(policy, "iam:CreateRole", "*")).toBe(false);
  });

  test("NotResource in a Deny denies everything outside the listed resources", () => {
    const policy = doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", NotResource: [BUCKET, `${BUCKET}/*`] });
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: `${BUCKET}/x` })).toBe("allow");
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: "arn:aws:s3:::another/x" })).toBe("explicit-deny");
  });
});

describe("principals (resource and trust policies)", () => {
  const role = { type: "AWS" as const, id: "arn:aws:iam::222222222222:role/deployer" };

  test("an account root ARN or bare account id stands for every principal of that account", () => {
    for (const account of ["arn:aws:iam::222222222222:root", "222222222222"]) {
      const policy = doc({ Effect: "Allow", Principal: { AWS: account }, Action: "ecr:BatchGetImage" });
      expect(evaluatePolicy(policy, { action: "ecr:BatchGetImage", resource: "arn:aws:ecr:us-east-1:111111111111:repository/a", principal: role })).toBe("allow");
      expect(evaluatePolicy(policy, { action: "ecr:BatchGetImage", resource: "arn:aws:ecr:us-east-1:111111111111:repository/a", principal: { type: "AWS", id: "arn:aws:iam::333333333333:role/x" } })).toBe("implicit-deny");
    }
  });

  test("a service principal matches only that service; Principal * matches anyone", () => {
    const trust = doc({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" });
    const resource = "arn:aws:iam::111111111111:role/exec";
    expect(evaluatePolicy(trust, { action: "sts:AssumeRole", resource, principal: { type: "Service", id: "ecs-tasks.amazonaws.com" } })).toBe("allow");
    expect(evaluatePolicy(trust, { action: "sts:AssumeRole", resource, principal: { type: "Service", id: "ec2.amazonaws.com" } })).toBe("implicit-deny");
    expect(evaluatePolicy(trust, { action: "sts:AssumeRole", resource, principal: role })).toBe("implicit-deny");
    expect(isAllowed(doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }), "s3:GetObject", `${BUCKET}/k`)).toBe(true);
  });

  test("NotPrincipal in a Deny exempts the listed principal", () => {
    const policy = doc({ Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*" }, { Effect: "Deny", NotPrincipal: { AWS: role.id }, Action: "s3:*", Resource: "*" });
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: BUCKET, principal: role })).toBe("allow");
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: BUCKET, principal: { type: "AWS", id: "arn:aws:iam::222222222222:role/other" } })).toBe("explicit-deny");
  });

  test("a named principal cannot be evaluated without the request's principal: it throws instead of guessing", () => {
    const policy = doc({ Effect: "Allow", Principal: { AWS: "222222222222" }, Action: "ecr:BatchGetImage" });
    expect(() => isAllowed(policy, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:111111111111:repository/a")).toThrow("pass the request's principal");
  });
});

describe("conditions", () => {
  const sameAccount = doc({ Effect: "Allow", Principal: "*", Action: "ecr:GetAuthorizationToken", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "111111111111" } } });

  test("a condition key missing from the request makes a positive operator false", () => {
    expect(isAllowed(sameAccount, "ecr:GetAuthorizationToken", "*", { "aws:PrincipalAccount": "111111111111" })).toBe(true);
    expect(isAllowed(sameAccount, "ecr:GetAuthorizationToken", "*", { "aws:PrincipalAccount": "999999999999" })).toBe(false);
    expect(isAllowed(sameAccount, "ecr:GetAuthorizationToken", "*")).toBe(false);
  });

  test("context key names are case-insensitive", () => {
    expect(isAllowed(sameAccount, "ecr:GetAuthorizationToken", "*", { "AWS:principalaccount": "111111111111" })).toBe(true);
  });

  test("a negated operator is true when the key is missing (the documented exception)", () => {
    const policy = doc({ Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "111111111111" } } });
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: BUCKET })).toBe("explicit-deny");
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: BUCKET, context: { "aws:PrincipalAccount": "111111111111" } })).toBe("implicit-deny");
  });

  test("values of one key are ORed; a negated operator is a NOR over them; keys and operators are ANDed", () => {
    const policy = doc({
      Effect: "Allow",
      Action: "ec2:RunInstances",
      Resource: "*",
      Condition: { StringEquals: { "aws:RequestedRegion": ["us-east-1", "us-west-2"] }, StringNotLike: { "ec2:InstanceType": ["p*", "g*"] } },
    });
    expect(isAllowed(policy, "ec2:RunInstances", "*", { "aws:RequestedRegion": "us-west-2", "ec2:InstanceType": "c7g.large" })).toBe(true);
    expect(isAllowed(policy, "ec2:RunInstances", "*", { "aws:RequestedRegion": "eu-west-1", "ec2:InstanceType": "c7g.large" })).toBe(false);
    expect(isAllowed(policy, "ec2:RunInstances", "*", { "aws:RequestedRegion": "us-east-1", "ec2:InstanceType": "g5.xlarge" })).toBe(false);
  });

  test("IfExists passes when the key is absent and checks it when present", () => {
    const policy = doc({ Effect: "Allow", Action: "ec2:RunInstances", Resource: "*", Condition: { StringLikeIfExists: { "ec2:InstanceType": ["t3.*"] } } });
    expect(isAllowed(policy, "ec2:RunInstances", "*")).toBe(true);
    expect(isAllowed(policy, "ec2:RunInstances", "*", { "ec2:InstanceType": "t3.micro" })).toBe(true);
    expect(isAllowed(policy, "ec2:RunInstances", "*", { "ec2:InstanceType": "m5.large" })).toBe(false);
  });

  test("Null tests whether the key is present", () => {
    const policy = doc({ Effect: "Deny", Action: "*", Resource: "*", Condition: { Null: { "aws:MultiFactorAuthAge": "true" } } });
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: BUCKET })).toBe("explicit-deny");
    expect(evaluatePolicy(policy, { action: "s3:GetObject", resource: BUCKET, context: { "aws:MultiFactorAuthAge": "30" } })).toBe("implicit-deny");
  });

  test("ForAllValues is true for an absent key; ForAnyValue is false", () => {
    const all = doc({ Effect: "Allow", Action: "dynamodb:PutItem", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } } });
    expect(isAllowed(all, "dynamodb:PutItem", "*")).toBe(true);
    expect(isAllowed(all, "dynamodb:PutItem", "*", { "aws:TagKeys": ["team"] })).toBe(true);
    expect(isAllowed(all, "dynamodb:PutItem", "*", { "aws:TagKeys": ["team", "cost"] })).toBe(false);
    const any = doc({ Effect: "Allow", Action: "dynamodb:PutItem", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["team"] } } });
    expect(isAllowed(any, "dynamodb:PutItem", "*")).toBe(false);
    expect(isAllowed(any, "dynamodb:PutItem", "*", { "aws:TagKeys": ["cost", "team"] })).toBe(true);
  });

  test("ArnLike matches the six ARN parts one by one", () => {
    const policy = doc({ Effect: "Allow", Principal: { Service: "pullthroughcache.ecr.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:ecr:*:111111111111:repository/*" } } });
    const req = (arn: string) => evaluatePolicy(policy, { action: "sts:AssumeRole", resource: "role", principal: { type: "Service", id: "pullthroughcache.ecr.amazonaws.com" }, context: { "aws:SourceArn": arn } });
    expect(req("arn:aws:ecr:us-west-2:111111111111:repository/docker-hub/library/nginx")).toBe("allow");
    expect(req("arn:aws:ecr:us-west-2:222222222222:repository/x")).toBe("implicit-deny");
  });

  test("Bool and Numeric operators compare as documented", () => {
    const tls = doc({ Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    expect(evaluatePolicy(tls, { action: "s3:GetObject", resource: BUCKET, context: { "aws:SecureTransport": "false" } })).toBe("explicit-deny");
    expect(evaluatePolicy(tls, { action: "s3:GetObject", resource: BUCKET, context: { "aws:SecureTransport": "true" } })).toBe("implicit-deny");
    const keys = doc({ Effect: "Allow", Action: "s3:ListBucket", Resource: BUCKET, Condition: { NumericLessThanEquals: { "s3:max-keys": "10" } } });
    expect(isAllowed(keys, "s3:ListBucket", BUCKET, { "s3:max-keys": "10" })).toBe(true);
    expect(isAllowed(keys, "s3:ListBucket", BUCKET, { "s3:max-keys": "11" })).toBe(false);
  });

  test("an operator the evaluator does not implement throws instead of being ignored", () => {
    const policy = doc({ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } });
    expect(() => isAllowed(policy, "s3:GetObject", BUCKET, { "aws:SourceIp": "203.0.113.7" })).toThrow("IpAddress is not implemented");
  });
});
