import { ec2Architecture } from "../../core/rules/ec2-architecture";
import { existingClusterCapacity } from "../../core/rules/existing-cluster-capacity";
import { findingsOf, OWN_IMAGE, platform } from "./rule-cases";

describe("PG-EC2-ARCHITECTURE (error)", () => {
  // m6i.large is X86_64 (Intel), m7g.large ARM64 (Graviton).
  const onEc2 = (cpuArchitecture: "X86_64" | "ARM64") => platform({ web: { image: OWN_IMAGE, desiredCount: 2, launchType: "EC2", runtimePlatform: { cpuArchitecture } } }, { ec2Capacity: { instanceType: "m6i.large" } });

  test("compliant: an X86_64 task on m6i.large", () => {
    expect(findingsOf(onEc2("X86_64"), ec2Architecture)).toEqual([]);
  });

  test("compliant: no architecture written on m7g.large: the task takes the capacity's, ARM64", () => {
    const graviton = platform({ web: { image: OWN_IMAGE, desiredCount: 2, launchType: "EC2" } }, { ec2Capacity: { instanceType: "m7g.large" } });
    expect(findingsOf(graviton, ec2Architecture)).toEqual([]);
  });

  test("non-compliant: an X86_64 task written on m7g.large stays an error", () => {
    const written = platform({ web: { image: OWN_IMAGE, desiredCount: 2, launchType: "EC2", runtimePlatform: { cpuArchitecture: "X86_64" } } }, { ec2Capacity: { instanceType: "m7g.large" } });
    expect(findingsOf(written, ec2Architecture)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.runtimePlatform.cpuArchitecture",
        message: "is X86_64, but the environment's EC2 capacity (ec2Capacity.instanceType m7g.large) is ARM64",
        stack: "prod",
        rule: "PG-EC2-ARCHITECTURE",
      },
    ]);
  });

  test("non-compliant: an ARM64 task on m6i.large", () => {
    expect(findingsOf(onEc2("ARM64"), ec2Architecture)).toEqual([
      {
        level: "error",
        path: "environments.prod.services.web.runtimePlatform.cpuArchitecture",
        message: "is ARM64, but the environment's EC2 capacity (ec2Capacity.instanceType m6i.large) is X86_64",
        stack: "prod",
        rule: "PG-EC2-ARCHITECTURE",
      },
    ]);
  });
});

describe("PG-EXISTING-CLUSTER-CAPACITY (error)", () => {
  const spot = [{ provider: "FARGATE_SPOT" as const, weight: 1 }];

  test("compliant: an existing cluster running Fargate services only", () => {
    expect(findingsOf(platform({ web: { image: OWN_IMAGE, desiredCount: 2 } }, { existingClusterName: "legacy" }), existingClusterCapacity)).toEqual([]);
  });

  test("non-compliant: an existing cluster with a Fargate Spot service, named in the message", () => {
    const config = platform({ web: { image: OWN_IMAGE, desiredCount: 2 }, batch: { image: OWN_IMAGE, desiredCount: 2, capacityProviderStrategy: spot } }, { existingClusterName: "legacy" });
    expect(findingsOf(config, existingClusterCapacity)).toEqual([
      {
        level: "error",
        path: "environments.prod.regions.us-east-1.existingClusterName",
        message: 'targets existing cluster "legacy", but batch need EC2 or Fargate Spot capacity providers, which would replace that cluster\'s own; run them on Fargate or let pullguard create the cluster',
        stack: "prod",
        rule: "PG-EXISTING-CLUSTER-CAPACITY",
      },
    ]);
  });
});
