/**
 * EC2 capacity as the planner plans it (no cdktf): the ECS agent's settings in the user data and
 * the container-instance role.
 * Facts: docs/aws-facts.md.
 */
import { isAllowed } from "../../../core/iam/evaluation";
import { byRule, environment, input, REGION } from "../../helpers/environment-plan";
import { A, errors, plan, vpc, warnings } from "../../helpers/registry-config";

describe("EC2 capacity", () => {
  it("configures the agent for the cluster with ECS_IMAGE_PULL_BEHAVIOR=once by default", () => {
    const p = plan(input({ cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } }));
    expect(errors(p)).toEqual([]);
    const capacity = environment(p).ec2Capacity!;
    expect(capacity.imagePullBehavior).toBe("once");
    expect(capacity.userData.split("\n")).toEqual(expect.arrayContaining(["ECS_CLUSTER=pullguard--prod", "ECS_IMAGE_PULL_BEHAVIOR=once"]));
    expect(capacity).toMatchObject({ name: "pullguard--prod-ec2", instanceType: "m6i.large", minSize: 1, maxSize: 4, desiredCapacity: 2 });
    expect(byRule(p, "PG-PREFER-CACHED")).toEqual([]);
  });

  it("blocks awsvpc tasks from the instance metadata and keeps IMDSv2 tokens on the instance (hop limit 1)", () => {
    const capacity = environment(plan(input({ cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } }))).ec2Capacity!;
    expect(capacity.userData).toBe(
      ["#!/bin/bash", "cat >> /etc/ecs/ecs.config <<'ECSCONFIG'", "ECS_CLUSTER=pullguard--prod", "ECS_IMAGE_PULL_BEHAVIOR=once", "ECS_AWSVPC_BLOCK_IMDS=true", "ECSCONFIG", ""].join("\n"),
    );
    expect(capacity.instanceMetadata).toEqual({ httpTokens: "required", httpPutResponseHopLimit: 1 });
  });

  it("writes prefer-cached when configured and warns PG-PREFER-CACHED", () => {
    const p = plan(input({ cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } }, { ec2Capacity: { imagePullBehavior: "prefer-cached" } }));
    const capacity = environment(p).ec2Capacity!;
    expect(capacity.userData).toContain("ECS_IMAGE_PULL_BEHAVIOR=prefer-cached\n");
    expect(capacity.userData).toContain("ECS_CLUSTER=pullguard--prod\n");
    expect(warnings(p)).toEqual([
      expect.objectContaining({ rule: "PG-PREFER-CACHED", path: "environments.prod.ec2Capacity.imagePullBehavior", stack: "prod" }),
    ]);
  });

  it("names the cluster after the environment in every Region of a multi-Region environment", () => {
    const p = plan({
      ...input({}),
      environments: { prod: { account: "main", regions: { [REGION]: vpc(), "us-west-2": vpc() }, services: { cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } } } },
    });
    for (const stack of ["prod-us-east-1", "prod-us-west-2"]) {
      expect(environment(p, stack).clusterName).toBe("pullguard--prod");
      expect(environment(p, stack).ec2Capacity!.userData).toContain("ECS_CLUSTER=pullguard--prod\n");
    }
  });

  it("plans no EC2 capacity when every service runs on Fargate", () => {
    const p = plan(input({ web: { image: "nginx:1.27.3", desiredCount: 2 } }, { ec2Capacity: { imagePullBehavior: "prefer-cached" } }));
    expect(environment(p).ec2Capacity).toBeUndefined();
    expect(byRule(p, "PG-PREFER-CACHED")).toEqual([]);
  });

  it("lets the container-instance agent drain and tag its own instances only", () => {
    const p = plan(input({ cache: { image: "bitnami/redis:7.2", desiredCount: 2, launchType: "EC2" } }));
    const policy = environment(p).ec2Capacity!.instanceRole.policy;
    const instance = `arn:aws:ecs:${REGION}:${A}:container-instance/pullguard--prod/0123456789abcdef`;
    expect(isAllowed(policy, "ecs:UpdateContainerInstancesState", instance)).toBe(true);
    expect(isAllowed(policy, "ecs:UpdateContainerInstancesState", `arn:aws:ecs:${REGION}:${A}:container-instance/other/0123`)).toBe(false);
    const tag = policy.Statement.find((s) => s.Sid === "TagOnRegistration")!;
    expect(tag.Condition).toEqual({ StringEquals: { "ecs:CreateAction": "RegisterContainerInstance" } });
  });
});
