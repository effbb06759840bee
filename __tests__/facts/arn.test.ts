import { accountRootArn, arn, iamRoleArn, parseArn, partitionOf } from "../../facts/arn";
import { ecrRegistryHost, ecrRepositoryArn } from "../../facts/ecr";
import { ecsClusterArn, ecsContainerInstancesArn } from "../../facts/ecs";

describe("partitionOf", () => {
  it.each([
    ["eu-west-1", "aws"],
    ["us-east-1", "aws"],
    ["cn-north-1", "aws-cn"],
    ["cn-northwest-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-gov-east-1", "aws-us-gov"],
  ])("%s is in partition %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

describe("ARN builders", () => {
  it("put the Region's partition, Region and account in place", () => {
    expect(ecrRepositoryArn("eu-west-1", "123456789012", "docker-hub/*")).toBe("arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/*");
    expect(ecrRepositoryArn("cn-north-1", "123456789012", "*")).toBe("arn:aws-cn:ecr:cn-north-1:123456789012:repository/*");
    expect(ecsClusterArn("us-gov-west-1", "123456789012", "prod")).toBe("arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/prod");
    expect(ecsContainerInstancesArn("eu-west-1", "123456789012", "prod")).toBe("arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/*");
  });
  it("leave the Region field empty for IAM and S3, keeping the partition", () => {
    expect(accountRootArn("123456789012", "eu-west-1")).toBe("arn:aws:iam::123456789012:root");
    expect(accountRootArn("123456789012", "cn-north-1")).toBe("arn:aws-cn:iam::123456789012:root");
    expect(iamRoleArn("123456789012", "us-east-1", "pullguard-ecr")).toBe("arn:aws:iam::123456789012:role/pullguard-ecr");
    expect(arn({ service: "s3", region: "eu-west-1", account: "", resource: "bucket/*" }, false)).toBe("arn:aws:s3:::bucket/*");
  });
  it("ECR registry host", () => {
    expect(ecrRegistryHost("123456789012", "eu-west-1")).toBe("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
  });
});

describe("parseArn", () => {
  it("splits an ARN into its fields, resource kept whole", () => {
    expect(parseArn("arn:aws:iam::123456789012:role/path/r")).toEqual({ partition: "aws", service: "iam", region: "", account: "123456789012", resource: "role/path/r" });
    expect(parseArn("arn:aws-us-gov:ecs:us-gov-west-1:123456789012:cluster/prod")).toEqual({ partition: "aws-us-gov", service: "ecs", region: "us-gov-west-1", account: "123456789012", resource: "cluster/prod" });
    expect(parseArn("arn:aws:secretsmanager:eu-west-1:123456789012:secret:a:b")?.resource).toBe("secret:a:b");
  });
  it("refuses what is not an ARN", () => {
    expect(parseArn("")).toBeUndefined();
    expect(parseArn("123456789012")).toBeUndefined();
    expect(parseArn("arn:gcp:iam::123456789012:root")).toBeUndefined();
    expect(parseArn("arn:aws:iam::12345:root")).toBeUndefined();
  });
});
